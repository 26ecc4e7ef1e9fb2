// The example accounts embedded by the build (`recoupe-seeds`): which ones exist and which
// two a first visit compares. The default pair is named in one place, the build
// (xtask/src/build.rs `DEFAULT_*`), which writes it here as `default`.

/**
 * The seeds: {list: [{event, name, text}], pair: [left, right] or null, report}: `report` is
 * the core's report of the default pair under the default settings, made by the build with
 * the same core, so that a first visit shows the sample before the engine has started.
 */
export function readSeeds() {
  const el = document.getElementById('recoupe-seeds');
  if (!el) return { list: [], pair: null, report: null };
  try {
    const data = JSON.parse(el.textContent || '[]');
    const list = (Array.isArray(data) ? data : data.seeds || [])
      .filter((s) => s && typeof s.name === 'string' && typeof s.text === 'string');
    const def = (!Array.isArray(data) && data.default) || {};
    const find = (name) => list.find((s) => s.event === def.event && s.name === name);
    const left = find(def.left), right = find(def.right);
    const report = left && right && def.report && Array.isArray(def.report.documents) ? def.report : null;
    return { list, pair: left && right ? [left, right] : list.length >= 2 ? [list[0], list[1]] : null, report };
  } catch (e) {
    return { list: [], pair: null, report: null };
  }
}
