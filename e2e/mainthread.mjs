// The page's main-thread tasks, from a Chromium trace, with the CPU time each one took (for
// the scale tests of issue 13). Why not the PerformanceObserver's 'longtask' entries alone:
// they give wall time, and on the shared 2-core machines of CI a task waits for a core as
// long as it runs: traces there show tasks of 50–100 ms wall that took 14–24 ms of CPU, and a
// fresh-machine run saw one of 235 ms that was not ours. The thread's CPU time is what the
// page's own work costs, whatever else the machine runs; a synchronous render of a whole
// large comparison (a real regression: 200–250 ms) still costs that CPU time here.
//
//   const watch = await watchMainThread(browser, page);
//   ... what to measure ...
//   const tasks = await watch.stop();   // [{wall, cpu, what, harness}] in ms, in order
//
// `harness`: a task that runs a DevTools command of the test driver (Playwright's locators,
// evaluate, setInputFiles: a 'Receive mojo message' of blink.mojom.DevToolsSession). The
// driver's own scripts run there (a locator over a big page, or the 1.5 MB of a
// setInputFiles, cost 30-190 ms of CPU), not the page's; page work started from the driver
// should be started in a task of its own (e.g. e2e/gen/bigpair.mjs `addStaged`).

/** Starts tracing the browser of `page`; `stop()` returns the page's main-thread tasks. */
export async function watchMainThread(browser, page) {
  // 'toplevel': every task, with its thread time and where it was posted from;
  // 'devtools.timeline': what ran inside (script entry points, style, layout), to name a
  // slow task; 'blink.user_timing': a mark that finds the page's process.
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
  await page.evaluate(() => performance.mark('recoupe-watch'));
  return {
    async stop() {
      await page.evaluate(() => performance.mark('recoupe-watch'));
      const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
      return mainThreadTasks(events);
    },
  };
}

/** The outermost tasks of the renderer main thread that made the 'recoupe-watch' marks. */
export function mainThreadTasks(events) {
  const marks = events.filter((e) => e.name === 'recoupe-watch');
  if (!marks.length) throw new Error('trace: the page’s marks are missing');
  const pid = marks[0].pid;
  const from = Math.min(...marks.map((e) => e.ts));
  const to = Math.max(...marks.map((e) => e.ts));
  const thread = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain');
  if (!thread) throw new Error('trace: no renderer main thread');
  const main = events
    .filter((e) => e.pid === pid && e.tid === thread.tid && e.ph === 'X' && e.ts >= from && e.ts <= to)
    .sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  const tasks = [];
  let end = -1;
  for (const e of main) {
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') continue;
    if (e.ts < end) continue; // nested in the task before
    end = e.ts + e.dur;
    // Chromium leaves the thread time out of tasks of a few microseconds; a longer one
    // without it would make the measure meaningless.
    if (typeof e.tdur !== 'number' && e.dur > 1000) throw new Error('trace: tasks without thread time');
    tasks.push({ ts: e.ts, wall: e.dur / 1000, cpu: (e.tdur || 0) / 1000, what: '', harness: false });
  }
  const devtools = main.filter((e) => e.name === 'Receive mojo message'
    && e.args?.chrome_mojo_event_info?.mojo_interface_tag === 'blink.mojom.DevToolsSession');
  let k = 0;
  for (const e of devtools) {
    while (k < tasks.length && tasks[k].ts + tasks[k].wall * 1000 < e.ts) k++;
    if (k < tasks.length && tasks[k].ts <= e.ts) tasks[k].harness = true;
  }
  // Name each slow task by what took longest inside it (for the failure message).
  for (const task of tasks.filter((t) => t.cpu > 20)) {
    const inside = main.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.wall * 1000
      && e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask');
    inside.sort((x, y) => (y.tdur || 0) - (x.tdur || 0));
    task.what = inside.slice(0, 3).map((e) => {
      const d = e.args?.data || {};
      const name = e.name === 'FunctionCall' ? `${d.functionName || '(anonymous)'}:${d.lineNumber}` : e.name;
      return `${name} ${Math.round((e.tdur || 0) / 1000)} ms`;
    }).join(', ');
  }
  return tasks;
}

/** One line per task: "cpu/wall ms [test driver] (what)". */
export function describe(tasks) {
  return tasks.map((t) => `${Math.round(t.cpu)}/${Math.round(t.wall)} ms${t.harness ? ' test driver' : ''}${t.what ? ` (${t.what})` : ''}`).join('; ');
}
