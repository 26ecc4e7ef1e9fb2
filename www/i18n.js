// Interface strings in English and French. Text from documents never goes through here.
//
// Usage: `t('key', {n: 3})` returns the string in the current language, with `{n}`
// replaced. Elements with `data-i18n="key"` get their textContent set by `applyI18n`;
// `data-i18n-attr="aria-label:key;title:key2"` sets attributes.
// Plurals: a number given as a number is formatted for the language, and `{n:one|other}`
// picks the form by `Intl.PluralRules` (French 0 and 1 are singular: "0 identique").

import { formatSize as formatSizeIn } from './size.js';

const STRINGS = {
  en: {
    'app.tagline': 'Cross-check the accounts of one event',
    'skip': 'Skip to the comparison',
    'docs.title': 'Documents',
    'docs.toggle': 'Documents',
    'docs.add': 'Add documents',
    'docs.paste': 'Paste text',
    'docs.forget': 'Forget everything',
    'docs.forget.confirm': 'Remove every document and setting stored in this browser?',
    'docs.empty': 'No documents yet. Drop files anywhere, pick them, or paste text.',
    'docs.hint': 'Drop .txt, .md, .html, .docx or .pdf files anywhere on the page. Nothing leaves this computer.',
    'docs.asA': 'Show {name} as A (left)',
    'docs.asB': 'Show {name} as B (right)',
    'docs.rename': 'Rename',
    'docs.rename.label': 'New name for {name}',
    'docs.remove': 'Remove {name}',
    'docs.dismiss': 'Dismiss',
    'docs.chars': '{n} {n:character|characters}',
    'docs.examples': 'Examples',
    'docs.example.add': 'Add',
    'docs.example.added': 'Added',
    'docs.failed': 'Could not be read',
    'export.button': 'Export',
    'export.html': 'Report (HTML)',
    'export.html.hint': 'to read, print or send: conflicts, who reports what, every passage',
    'export.md': 'Summary (Markdown)',
    'export.md.hint': 'sources, conflicts, what all report, what one reports',
    'export.csv-links': 'Links (CSV)',
    'export.csv-links.hint': 'one row per linked pair of passages, for a spreadsheet',
    'export.csv-facts': 'Facts and conflicts (CSV)',
    'export.csv-facts.hint': 'one row per date, figure or name as each account states it',
    'export.tei': 'Edition (TEI XML)',
    'export.tei.hint': 'TEI P5 parallel segmentation, for the Versioning Machine or TEI Publisher',
    'export.collatex': 'Alignment table (CollateX JSON)',
    'export.collatex.hint': 'for tools that read CollateX output',
    'export.json': 'Data (JSON)',
    'export.json.hint': 'the whole report, schema recoupe/1',
    'export.scope': 'Of',
    'export.scope.all': 'all {n} accounts',
    'export.scope.pair': 'this pair: {a} / {b}',
    'export.saved': 'Saved {name}.',
    'export.working': 'Preparing {name}…',
    'export.failed': 'Could not export: {message}',
    'export.none': 'Nothing to export yet: add two documents.',
    'pair.left': 'Left account (A)',
    'pair.right': 'Right account (B)',
    'pair.swap': 'Swap sides',
    'pair.vs': 'vs',
    'controls.title': 'Settings',
    'controls.options': 'Options',
    'controls.sensitivity': 'Sensitivity',
    'controls.sensitivity.help': 'How likely two sentences must be to share a fact to be linked',
    'controls.loose': 'loose',
    'controls.strict': 'strict',
    'controls.granularity': 'Compare by',
    'controls.sentences': 'Sentences',
    'controls.paragraphs': 'Paragraphs',
    'controls.ignore': 'Ignore',
    'controls.case': 'case',
    'controls.accents': 'accents',
    'controls.punctuation': 'punctuation',
    'filter.label': 'Show',
    'filter.all': 'Everything',
    'filter.diff': 'Differences',
    'filter.left': 'Only in A',
    'filter.right': 'Only in B',
    'kind.identical': 'identical',
    'kind.equivalent': 'reworded',
    'kind.partial': 'partly shared',
    'kind.unique': 'only in one',
    'kind.moved': 'moved',
    'legend': 'Legend',
    'summary.share': '{a} and {b} share {n} {n:passage|passages}: {ident} identical, {equiv} reworded, {part} partly shared.',
    'summary.share.none': '{a} and {b} share no passage at this sensitivity.',
    'summary.cover': 'B covers {pb} of A; A covers {pa} of B.',
    'summary.identical': 'identical',
    'summary.equivalent': 'reworded',
    'summary.partial': 'partly shared',
    'summary.moved': 'moved',
    'summary.splits': 'split or merged',
    'summary.onlyA': 'only in A',
    'summary.onlyB': 'only in B',
    'summary.covered': 'covered by the other',
    'summary.waiting': 'Add two documents to compare them.',
    'col.sentences': '{n} {n:segment|segments}',
    'col.coverage': '{p} shared',
    'seg.unique': 'Only in {side}',
    'seg.linked': '{kind}, link {score} likely',
    'seg.moved': 'moved',
    'seg.split': 'one facing {n}',
    'inspector.empty': 'Hover or focus a sentence to see what changed. Keys: n / p next and previous difference, u next unique, ? all shortcuts.',
    'inspector.unique': 'This passage is only in {name}.',
    'inspector.identical': 'Identical in both accounts.',
    'inspector.score': 'link {p} likely',
    'inspector.split': 'Split or merge: {l} facing {r}',
    'inspector.moved': 'Moved: the two accounts give it in a different order',
    'inspector.shared': 'Shared terms: {list}',
    'inspector.partners': '{n} {n:partner|partners}',
    'inspector.partnersIn': 'in {name}, each with what it shares (l: go through them)',
    'marks.sameSample': 'word',
    'marks.same': 'stated by both',
    'marks.differ': 'a figure or date the other account does not state: a fact that may differ',
    'flag.number': 'a number changed',
    'flag.date': 'a date changed',
    'flag.name': 'a name changed',
    'flag.negation': 'negation changed',
    'status.comparing': 'Comparing…',
    'status.compared': 'Compared {a} and {b} in {ms} ms.',
    'status.comparedAll': 'Compared {n} accounts in {ms} ms.',
    'status.added': 'Added {names}.',
    'status.removed': 'Removed {name}.',
    'status.renamed': 'Renamed to {name}.',
    'status.swapped': 'Sides swapped.',
    'status.forgot': 'Everything stored in this browser was forgotten.',
    'status.corrupt': 'Saved documents could not be read ({reason}); they were dropped.',
    'status.storageOff': 'This browser cannot keep documents between visits here; they will be lost on reload.',
    'status.failed': 'Comparison failed: {msg}. The previous view is kept.',
    'status.readFailed': '{name}: {msg}',
    'status.needTwo': 'Add one more document to compare.',
    'status.lastDiff': 'Last difference reached; back to the first.',
    'status.noDiff': 'No difference to jump to.',
    'status.noUnique': 'No passage unique to one account.',
    'status.partner': 'Partner {i} of {n}.',
    'status.noPartner': 'This passage has no partner in the other account.',
    'status.pasted': 'Pasted text added as {name}.',
    'status.pasteEmpty': 'The clipboard held no text.',
    'paste.title': 'Paste text',
    'paste.name': 'Name',
    'paste.text': 'Text',
    'paste.add': 'Add',
    'paste.cancel': 'Cancel',
    'paste.default': 'Pasted text {n}',
    'views.label': 'View',
    'views.pair': 'Side by side',
    'views.matrix': 'Who reports what',
    'matrix.title': 'Who reports what',
    'matrix.passage': 'Passage (its most representative sentence)',
    'matrix.accounts': 'Accounts',
    'matrix.sortBy': 'Sort by what {name} reports',
    'matrix.filters': 'Show passages',
    'matrix.filter.all': 'All',
    'matrix.filter.everyone': 'Reported by all',
    'matrix.filter.one': 'Reported by one only',
    'matrix.filter.conflicts': 'Conflicts',
    'matrix.conflicts': 'Conflicts between the accounts',
    'matrix.conflictsN': '{n} {n:conflict|conflicts} between the accounts',
    'matrix.noConflict': 'No conflict found: where two accounts give a date, figure or name for the same thing, they give the same.',
    'matrix.rowConflict': 'The accounts disagree here',
    'matrix.showInText': 'Show in the text',
    'matrix.empty': 'No passage matches this filter.',
    'matrix.telling.same': '{name} reports it',
    'matrix.telling.part': '{name} reports part of it',
    'matrix.telling.differently': '{name} reports it differently',
    'matrix.telling.only': 'Only {name} reports it',
    'matrix.telling.absent': '{name} does not report it',
    'matrix.value.agreed': 'Stated by several accounts',
    'matrix.value.unconfirmed': 'Stated by one account only (unconfirmed)',
    'matrix.value.conflict': 'The accounts disagree on this value',
    'matrix.kind.date': 'Date',
    'matrix.kind.time': 'Time',
    'matrix.kind.number': 'Number',
    'matrix.kind.amount': 'Amount',
    'matrix.kind.percent': 'Percentage',
    'matrix.kind.range': 'Range',
    'matrix.kind.name': 'Name',
    'matrix.kind.quote': 'Quotation',
    'docs.source': 'Source of {name}',
    'docs.source.outlet': 'Outlet or author',
    'docs.source.date': 'Date',
    'docs.source.url': 'Address',
    'docs.source.save': 'Save',
    'docs.source.cancel': 'Cancel',
    'status.sourceSaved': 'Source of {name} saved.',
    'docs.sample': 'Sample',
    'docs.sample.badge': 'sample',
    'docs.sample.open': 'Open the sample again',
    'docs.sample.note': 'This is a sample: the first documents you add replace it.',
    'status.sampleReplaced': 'Your documents replace the sample (it is one click away in Documents).',
    'status.sampleOpened': 'The sample is open again.',
    'status.undo': 'Undo',
    'status.undone': 'Undone.',
    'help.title': 'Keyboard shortcuts',
    'help.close': 'Close',
    'help.button': 'Keyboard shortcuts',
    'help.nextDiff': 'next difference',
    'help.prevDiff': 'previous difference',
    'help.nextUnique': 'next passage unique to one side (Shift: previous)',
    'help.swap': 'swap sides',
    'help.move': 'previous / next passage in the same column',
    'help.partner': 'go to the linked passage on the other side',
    'help.cycle': 'next partner of the sentence, one after the other when it has several (Shift: previous)',
    'help.docs': 'show or hide the documents panel',
    'help.help': 'this help',
    'help.mouse': 'Hover a sentence to see its partner and the words that changed; click the minimap beside a column to jump there.',
    'drop.here': 'Drop to add these documents',
    'lang.label': 'Language',
    'theme.label': 'Theme',
    'theme.auto': 'Auto',
    'theme.light': 'Light',
    'theme.dark': 'Dark',
    'progress.label': 'Comparison progress',
    'progress.segmenting': 'Cutting the texts into passages…',
    'progress.aligning': 'Finding the passages that correspond…',
    'progress.diffing': 'Comparing the words…',
    'progress.reading': 'Reading…',
    'progress.aligning.short': 'Aligning…',
    'progress.aligning.pct': 'Aligning… {p}',
    'progress.diffing.short': 'Comparing words…',
    'progress.diffing.pct': 'Comparing words… {p}',
    'progress.drawing': 'Drawing…',
    'progress.cancel': 'Cancel',
    'status.cancelled': 'Comparison cancelled. The previous view is kept.',
    'status.again': 'Compare again',
    'help.find': 'find in the accounts (Enter: next match, Shift+Enter: previous, Esc: close)',
    'help.cancel': 'close the search or the documents panel; stop a long comparison',
    'find.label': 'Find in the accounts',
    'find.placeholder': 'Find in the accounts',
    'find.count': '{i} of {n}',
    'find.none': 'No match',
    'find.many': 'more than {n}',
    'find.next': 'Next match',
    'find.prev': 'Previous match',
    'find.close': 'Close the search',
    'find.rows': '{n} {n:row|rows} of {all} contain “{q}”',
    'minimap.label': 'Overview of {name}',
    'view.label': 'Side-by-side comparison',
    'inspector.label': 'What changed',
    'view.empty': 'Nothing to show with this filter.',
    // Why a file could not be read, and what to know about one that was: the codes and
    // parameters of the core's reader (src/decode.rs, src/extract.rs) and of the page's own
    // readers (ingest.js, pdfreader.js); see errorMessage and warningMessage below.
    'error.too-large': 'the file is {size}, more than the limit of {limit} per file',
    'error.total-too-large': 'the files together are {size}, more than the limit of {limit} in total',
    'error.text-too-large': 'its text is {size}, more than the limit of {limit} of text per document',
    'error.text-too-large.pasted': 'the pasted text is {size}, more than the limit of {limit} of text per document',
    'error.unpacked-too-large': 'a part of this file unpacks to more than the limit of {limit}',
    'error.binary': 'this is {format}, not text; recoupe reads .txt, .md, .html, .docx and .pdf files',
    'error.nul-byte': 'this is binary data (a NUL byte at byte {at}), not text; recoupe reads .txt, .md, .html, .docx and .pdf files',
    'error.nul-char': 'this is binary data (a NUL character at byte {at} of the text), not text; recoupe reads .txt, .md, .html, .docx and .pdf files',
    'error.control-chars': 'this is binary data ({count} control characters in {total}), not text; recoupe reads .txt, .md, .html, .docx and .pdf files',
    'error.empty': 'the file is empty',
    'error.no-text': 'no text was found in this {format} file',
    'error.no-text.html': 'no text was found in this HTML file (the page has no article text)',
    'error.no-text.pdf': 'no text was found in this PDF file (it may be a scanned image; recoupe does not read text in images)',
    'error.damaged': 'this {format} file is damaged or is not what its name says: {reason}',
    'error.damaged.pdf': 'this PDF is damaged or is not a PDF, and no text could be read from it',
    'error.old-format': 'a .{ext} document cannot be read; save it as .docx, .pdf or .txt and add it again',
    'error.web-archive': 'a .{ext} web archive cannot be read; save the page as “Web page, HTML only” (.html) and add that',
    'error.not-docx': '{kind} cannot be read; recoupe reads Word documents (.docx); save the text as .docx, .pdf or .txt',
    'error.password': 'a password-protected {format} file cannot be read; save a copy without a password and add that',
    'error.password.pdf': 'this PDF is protected by a password; open it in your PDF viewer, copy its text and paste it here',
    'error.too-slow': 'reading this {format} file took more than {seconds} seconds and was stopped; copy its text into a .txt file and add that',
    'error.too-slow.pdf': 'reading this PDF took more than {seconds} seconds and was stopped; copy its text from your PDF viewer and paste it here',
    'error.unreadable': 'the file could not be read (was it moved or deleted?)',
    'error.pdf-failed': 'the PDF could not be read ({detail})',
    'error.pdf-unavailable': 'PDF reading is not available in this page; copy the text from your PDF viewer and paste it here',
    'error.engine': 'the reading engine failed ({detail})',
    'warning.bomless-utf16': 'the file has no byte-order mark; it was read as {encoding} because every other byte is zero',
    'warning.replaced-bytes': 'some bytes are not valid {encoding}; they were replaced by \uFFFD',
    'warning.lossy-utf8': 'invalid UTF-8 sequences replaced by \uFFFD: {count}',
    'warning.windows-1252': 'the file is not UTF-8; it was read as Windows-1252 (Western European, Latin-1)',
    'warning.no-article': 'no article was recognised in this page; all its visible text was taken',
    'warning.truncated': 'only the first {read} of {pages} pages were read: the text limit was reached',
    'format.text': 'text',
    'format.markdown': 'Markdown',
    'format.html': 'HTML',
    'format.docx': 'Word (.docx)',
    'format.pdf': 'PDF',
    'binary.pdf': 'a PDF document',
    'binary.png': 'a PNG image',
    'binary.jpeg': 'a JPEG image',
    'binary.gif': 'a GIF image',
    'binary.zip': 'a ZIP archive (or an Office document other than .docx)',
    'binary.zip-empty': 'an empty ZIP archive',
    'binary.ole': 'an old Microsoft Office document (.doc, .xls, .ppt)',
    'binary.rtf': 'a Rich Text Format (.rtf) document',
    'binary.elf': 'a program (ELF executable)',
    'binary.gzip': 'a gzip-compressed file',
    'binary.bzip2': 'a bzip2-compressed file',
    'binary.xz': 'an xz-compressed file',
    'binary.7z': 'a 7-Zip archive',
    'binary.rar': 'a RAR archive',
    'binary.wasm': 'a WebAssembly module',
    'binary.sqlite': 'an SQLite database',
    'binary.ogg': 'an Ogg audio or video file',
    'binary.flac': 'a FLAC audio file',
    'binary.mp3': 'an MP3 audio file',
    'binary.woff': 'a web font',
    'binary.ttf': 'a TrueType font',
    'binary.exe': 'a Windows program',
    'binary.mp4': 'an MP4/QuickTime video or audio file',
    'binary.webp': 'a WebP image',
    'binary.wav': 'a WAV audio file',
    'binary.avi': 'an AVI video',
    'binary.riff': 'a RIFF media file',
    'binary.svg': 'an SVG image',
    'zip.xlsx': 'an Excel workbook',
    'zip.pptx': 'a PowerPoint presentation',
    'zip.odf': 'an OpenDocument file',
    'zip.docx-layout': 'a Word document of an unusual layout',
    'zip.zip': 'a ZIP archive',
    'reason.no-directory': 'the zip directory is missing (the file is cut short?)',
    'reason.bad-entry': 'a zip entry is damaged',
    'reason.cut-short': 'the file is cut short',
    'reason.compression': 'it uses a compression method recoupe does not know',
    'reason.inflate': 'a compressed part is damaged',
    'reason.xml': 'its XML is not well-formed',
    'reason.parse': 'the page could not be parsed',
    'reason.structure': 'its structure could not be read',
  },
  fr: {
    'app.tagline': 'Recouper les récits d’un même événement',
    'skip': 'Aller à la comparaison',
    'docs.title': 'Documents',
    'docs.toggle': 'Documents',
    'docs.add': 'Ajouter des documents',
    'docs.paste': 'Coller du texte',
    'docs.forget': 'Tout oublier',
    'docs.forget.confirm': 'Supprimer tous les documents et réglages conservés dans ce navigateur ?',
    'docs.empty': 'Aucun document. Déposez des fichiers n’importe où, choisissez-les ou collez du texte.',
    'docs.hint': 'Déposez des fichiers .txt, .md, .html, .docx ou .pdf n’importe où sur la page. Rien ne quitte cet ordinateur.',
    'docs.asA': 'Afficher {name} en A (à gauche)',
    'docs.asB': 'Afficher {name} en B (à droite)',
    'docs.rename': 'Renommer',
    'docs.rename.label': 'Nouveau nom pour {name}',
    'docs.remove': 'Retirer {name}',
    'docs.dismiss': 'Fermer',
    'docs.chars': '{n} {n:caractère|caractères}',
    'docs.examples': 'Exemples',
    'docs.example.add': 'Ajouter',
    'docs.example.added': 'Ajouté',
    'docs.failed': 'Illisible',
    'export.button': 'Exporter',
    'export.html': 'Rapport (HTML)',
    'export.html.hint': 'à lire, imprimer ou envoyer : contradictions, qui rapporte quoi, chaque passage',
    'export.md': 'Résumé (Markdown)',
    'export.md.hint': 'sources, contradictions, ce que tous rapportent, ce qu’un seul rapporte',
    'export.csv-links': 'Liens (CSV)',
    'export.csv-links.hint': 'une ligne par paire de passages liés, pour un tableur',
    'export.csv-facts': 'Faits et contradictions (CSV)',
    'export.csv-facts.hint': 'une ligne par date, chiffre ou nom tel que chaque récit le donne',
    'export.tei': 'Édition (TEI XML)',
    'export.tei.hint': 'TEI P5 en segmentation parallèle, pour Versioning Machine ou TEI Publisher',
    'export.collatex': 'Table d’alignement (JSON CollateX)',
    'export.collatex.hint': 'pour les outils qui lisent la sortie de CollateX',
    'export.json': 'Données (JSON)',
    'export.json.hint': 'le rapport entier, schéma recoupe/1',
    'export.scope': 'De',
    'export.scope.all': 'tous les {n} récits',
    'export.scope.pair': 'cette paire : {a} / {b}',
    'export.saved': '{name} enregistré.',
    'export.working': 'Préparation de {name}…',
    'export.failed': 'Export impossible : {message}',
    'export.none': 'Rien à exporter pour l’instant : ajoutez deux documents.',
    'pair.left': 'Récit de gauche (A)',
    'pair.right': 'Récit de droite (B)',
    'pair.swap': 'Inverser les côtés',
    'pair.vs': 'face à',
    'controls.title': 'Réglages',
    'controls.options': 'Options',
    'controls.sensitivity': 'Sensibilité',
    'controls.sensitivity.help': 'Probabilité qu’il faut à deux phrases de partager un fait pour être reliées',
    'controls.loose': 'souple',
    'controls.strict': 'stricte',
    'controls.granularity': 'Comparer par',
    'controls.sentences': 'Phrases',
    'controls.paragraphs': 'Paragraphes',
    'controls.ignore': 'Ignorer',
    'controls.case': 'la casse',
    'controls.accents': 'les accents',
    'controls.punctuation': 'la ponctuation',
    'filter.label': 'Afficher',
    'filter.all': 'Tout',
    'filter.diff': 'Différences',
    'filter.left': 'Seulement dans A',
    'filter.right': 'Seulement dans B',
    'kind.identical': 'identique',
    'kind.equivalent': 'reformulé',
    'kind.partial': 'en partie commun',
    'kind.unique': 'propre à un seul',
    'kind.moved': 'déplacé',
    'legend': 'Légende',
    'summary.share': '{a} et {b} ont {n} {n:passage|passages} en commun : {ident} {ident:identique|identiques}, {equiv} {equiv:reformulé|reformulés}, {part} en partie {part:commun|communs}.',
    'summary.share.none': '{a} et {b} n’ont aucun passage en commun à cette sensibilité.',
    'summary.cover': 'B couvre {pb} de A ; A couvre {pa} de B.',
    'summary.identical': '{n:identique|identiques}',
    'summary.equivalent': '{n:reformulé|reformulés}',
    'summary.partial': '{n:en partie commun|en partie communs}',
    'summary.moved': '{n:déplacé|déplacés}',
    'summary.splits': '{n:scindé ou fusionné|scindés ou fusionnés}',
    'summary.onlyA': 'seulement dans A',
    'summary.onlyB': 'seulement dans B',
    'summary.covered': 'couvert par l’autre',
    'summary.waiting': 'Ajoutez deux documents pour les comparer.',
    'col.sentences': '{n} {n:segment|segments}',
    'col.coverage': '{p} en commun',
    'seg.unique': 'Seulement dans {side}',
    'seg.linked': '{kind}, lien probable à {score}',
    'seg.moved': 'déplacé',
    'seg.split': 'un face à {n}',
    'inspector.empty': 'Survolez ou sélectionnez une phrase pour voir ce qui a changé. Touches : n / p différence suivante et précédente, u passage propre suivant, ? tous les raccourcis.',
    'inspector.unique': 'Ce passage ne figure que dans {name}.',
    'inspector.identical': 'Identique dans les deux récits.',
    'inspector.score': 'lien probable à {p}',
    'inspector.split': 'Scission ou fusion : {l} face à {r}',
    'inspector.moved': 'Déplacé : les deux récits le donnent dans un ordre différent',
    'inspector.shared': 'Termes communs : {list}',
    'inspector.partners': '{n} {n:partenaire|partenaires}',
    'inspector.partnersIn': 'dans {name}, chacun avec ce qu’il partage (l : les parcourir)',
    'marks.sameSample': 'mot',
    'marks.same': 'dit par les deux',
    'marks.differ': 'un chiffre ou une date que l’autre récit ne donne pas : un fait qui peut différer',
    'flag.number': 'un nombre a changé',
    'flag.date': 'une date a changé',
    'flag.name': 'un nom a changé',
    'flag.negation': 'la négation a changé',
    'status.comparing': 'Comparaison en cours…',
    'status.compared': '{a} et {b} comparés en {ms} ms.',
    'status.comparedAll': '{n} récits comparés en {ms} ms.',
    'status.added': '{names} ajouté(s).',
    'status.removed': '{name} retiré.',
    'status.renamed': 'Renommé en {name}.',
    'status.swapped': 'Côtés inversés.',
    'status.forgot': 'Tout ce qui était conservé dans ce navigateur a été oublié.',
    'status.corrupt': 'Les documents enregistrés étaient illisibles ({reason}) ; ils ont été écartés.',
    'status.storageOff': 'Ce navigateur ne peut pas conserver les documents ici ; ils seront perdus au rechargement.',
    'status.failed': 'La comparaison a échoué : {msg}. L’affichage précédent est conservé.',
    'status.readFailed': '{name} : {msg}',
    'status.needTwo': 'Ajoutez un autre document pour comparer.',
    'status.lastDiff': 'Dernière différence atteinte ; retour à la première.',
    'status.noDiff': 'Aucune différence vers laquelle aller.',
    'status.noUnique': 'Aucun passage propre à un seul récit.',
    'status.partner': 'Partenaire {i} sur {n}.',
    'status.noPartner': 'Ce passage n’a pas de partenaire dans l’autre récit.',
    'status.pasted': 'Texte collé ajouté sous le nom {name}.',
    'status.pasteEmpty': 'Le presse-papiers ne contenait pas de texte.',
    'paste.title': 'Coller du texte',
    'paste.name': 'Nom',
    'paste.text': 'Texte',
    'paste.add': 'Ajouter',
    'paste.cancel': 'Annuler',
    'paste.default': 'Texte collé {n}',
    'views.label': 'Vue',
    'views.pair': 'Côte à côte',
    'views.matrix': 'Qui dit quoi',
    'matrix.title': 'Qui dit quoi',
    'matrix.passage': 'Passage (sa phrase la plus représentative)',
    'matrix.accounts': 'Récits',
    'matrix.sortBy': 'Trier selon ce que rapporte {name}',
    'matrix.filters': 'Passages à montrer',
    'matrix.filter.all': 'Tous',
    'matrix.filter.everyone': 'Rapportés par tous',
    'matrix.filter.one': 'Par un seul',
    'matrix.filter.conflicts': 'Contradictions',
    'matrix.conflicts': 'Contradictions entre les récits',
    'matrix.conflictsN': '{n} {n:contradiction|contradictions} entre les récits',
    'matrix.noConflict': 'Aucune contradiction : quand deux récits donnent une date, un chiffre ou un nom pour la même chose, ils donnent le même.',
    'matrix.rowConflict': 'Les récits se contredisent ici',
    'matrix.showInText': 'Voir dans le texte',
    'matrix.empty': 'Aucun passage pour ce filtre.',
    'matrix.telling.same': '{name} le rapporte',
    'matrix.telling.part': '{name} en rapporte une partie',
    'matrix.telling.differently': '{name} le rapporte autrement',
    'matrix.telling.only': '{name} est seul à le rapporter',
    'matrix.telling.absent': '{name} ne le rapporte pas',
    'matrix.value.agreed': 'Donné par plusieurs récits',
    'matrix.value.unconfirmed': 'Donné par un seul récit (non confirmé)',
    'matrix.value.conflict': 'Les récits se contredisent sur cette valeur',
    'matrix.kind.date': 'Date',
    'matrix.kind.time': 'Heure',
    'matrix.kind.number': 'Nombre',
    'matrix.kind.amount': 'Montant',
    'matrix.kind.percent': 'Pourcentage',
    'matrix.kind.range': 'Fourchette',
    'matrix.kind.name': 'Nom',
    'matrix.kind.quote': 'Citation',
    'docs.source': 'Source de {name}',
    'docs.source.outlet': 'Média ou auteur',
    'docs.source.date': 'Date',
    'docs.source.url': 'Adresse',
    'docs.source.save': 'Enregistrer',
    'docs.source.cancel': 'Annuler',
    'status.sourceSaved': 'Source de {name} enregistrée.',
    'docs.sample': 'Exemple',
    'docs.sample.badge': 'exemple',
    'docs.sample.open': 'Rouvrir l’exemple',
    'docs.sample.note': 'Ceci est un exemple : les premiers documents que vous ajoutez le remplacent.',
    'status.sampleReplaced': 'Vos documents remplacent l’exemple (il reste à un clic, dans Documents).',
    'status.sampleOpened': 'L’exemple est de nouveau ouvert.',
    'status.undo': 'Annuler',
    'status.undone': 'Annulé.',
    'help.title': 'Raccourcis clavier',
    'help.close': 'Fermer',
    'help.button': 'Raccourcis clavier',
    'help.nextDiff': 'différence suivante',
    'help.prevDiff': 'différence précédente',
    'help.nextUnique': 'passage suivant propre à un côté (Maj : précédent)',
    'help.swap': 'inverser les côtés',
    'help.move': 'passage précédent / suivant dans la même colonne',
    'help.partner': 'aller au passage relié de l’autre côté',
    'help.cycle': 'partenaire suivant de la phrase, l’un après l’autre quand elle en a plusieurs (Maj : précédent)',
    'help.docs': 'afficher ou masquer le panneau des documents',
    'help.help': 'cette aide',
    'help.mouse': 'Survolez une phrase pour voir sa correspondante et les mots qui ont changé ; cliquez sur la minicarte à côté d’une colonne pour vous y rendre.',
    'drop.here': 'Déposez pour ajouter ces documents',
    'lang.label': 'Langue',
    'theme.label': 'Thème',
    'theme.auto': 'Auto',
    'theme.light': 'Clair',
    'theme.dark': 'Sombre',
    'progress.label': 'Avancement de la comparaison',
    'progress.segmenting': 'Découpage des textes en passages…',
    'progress.aligning': 'Recherche des passages qui se correspondent…',
    'progress.diffing': 'Comparaison des mots…',
    'progress.reading': 'Lecture…',
    'progress.aligning.short': 'Alignement…',
    'progress.aligning.pct': 'Alignement… {p}',
    'progress.diffing.short': 'Comparaison des mots…',
    'progress.diffing.pct': 'Comparaison des mots… {p}',
    'progress.drawing': 'Affichage…',
    'progress.cancel': 'Annuler',
    'status.cancelled': 'Comparaison annulée. L’affichage précédent est conservé.',
    'status.again': 'Comparer à nouveau',
    'help.find': 'chercher dans les récits (Entrée : occurrence suivante, Maj+Entrée : précédente, Échap : fermer)',
    'help.cancel': 'fermer la recherche ou le panneau des documents ; arrêter une longue comparaison',
    'find.label': 'Chercher dans les récits',
    'find.placeholder': 'Chercher dans les récits',
    'find.count': '{i} sur {n}',
    'find.none': 'Aucune occurrence',
    'find.many': 'plus de {n}',
    'find.next': 'Occurrence suivante',
    'find.prev': 'Occurrence précédente',
    'find.close': 'Fermer la recherche',
    'find.rows': '{n} {n:ligne|lignes} sur {all} contiennent « {q} »',
    'minimap.label': 'Vue d’ensemble de {name}',
    'view.label': 'Comparaison côte à côte',
    'inspector.label': 'Ce qui a changé',
    'view.empty': 'Rien à afficher avec ce filtre.',
    // Why a file could not be read, and what to know about one that was (see the English table).
    'error.too-large': 'le fichier fait {size}, plus que la limite de {limit} par fichier',
    'error.total-too-large': 'les fichiers font ensemble {size}, plus que la limite de {limit} au total',
    'error.text-too-large': 'son texte fait {size}, plus que la limite de {limit} de texte par document',
    'error.text-too-large.pasted': 'le texte collé fait {size}, plus que la limite de {limit} de texte par document',
    'error.unpacked-too-large': 'une partie de ce fichier se décompresse en plus de {limit}, la limite (une bombe zip ?)',
    'error.binary': 'c’est {format}, pas du texte ; recoupe lit les fichiers .txt, .md, .html, .docx et .pdf',
    'error.nul-byte': 'ce sont des données binaires (un octet NUL à l’octet {at}), pas du texte ; recoupe lit les fichiers .txt, .md, .html, .docx et .pdf',
    'error.nul-char': 'ce sont des données binaires (un caractère NUL à l’octet {at} du texte), pas du texte ; recoupe lit les fichiers .txt, .md, .html, .docx et .pdf',
    'error.control-chars': 'ce sont des données binaires ({count} caractères de contrôle sur {total}), pas du texte ; recoupe lit les fichiers .txt, .md, .html, .docx et .pdf',
    'error.empty': 'le fichier est vide',
    'error.no-text': 'aucun texte n’a été trouvé dans ce fichier {format}',
    'error.no-text.pdf': 'aucun texte n’a été trouvé dans ce PDF (c’est peut-être une image numérisée ; recoupe ne lit pas le texte des images)',
    'error.no-text.html': 'aucun texte n’a été trouvé dans cette page HTML (elle n’a pas de texte d’article)',
    'error.damaged': 'ce fichier {format} est endommagé ou n’est pas ce que dit son nom : {reason}',
    'error.damaged.pdf': 'ce PDF est endommagé ou n’est pas un PDF, et aucun texte n’a pu en être lu',
    'error.old-format': 'un document .{ext} ne peut pas être lu ; enregistrez-le en .docx, .pdf ou .txt et ajoutez-le à nouveau',
    'error.web-archive': 'une archive web .{ext} ne peut pas être lue ; enregistrez la page en « Page web, HTML uniquement » (.html) et ajoutez celle-ci',
    'error.not-docx': 'c’est {kind}, qui ne peut pas être lu ; recoupe lit les documents Word (.docx) ; enregistrez le texte en .docx, .pdf ou .txt',
    'error.password': 'un fichier {format} protégé par un mot de passe ne peut pas être lu ; enregistrez-en une copie sans mot de passe et ajoutez celle-ci',
    'error.password.pdf': 'ce PDF est protégé par un mot de passe ; ouvrez-le dans votre lecteur PDF, copiez son texte et collez-le ici',
    'error.too-slow': 'la lecture de ce fichier {format} a pris plus de {seconds} secondes et a été arrêtée ; copiez son texte dans un fichier .txt et ajoutez celui-ci',
    'error.too-slow.pdf': 'la lecture de ce PDF a pris plus de {seconds} secondes et a été arrêtée ; copiez son texte depuis votre lecteur PDF et collez-le ici',
    'error.unreadable': 'le fichier n’a pas pu être lu (a-t-il été déplacé ou supprimé ?)',
    'error.pdf-failed': 'le PDF n’a pas pu être lu ({detail})',
    'error.pdf-unavailable': 'la lecture des PDF n’est pas disponible dans cette page ; copiez le texte depuis votre lecteur PDF et collez-le ici',
    'error.engine': 'le moteur de lecture a échoué ({detail})',
    'warning.bomless-utf16': 'le fichier n’a pas d’indicateur d’ordre des octets ; il a été lu en {encoding} car un octet sur deux est nul',
    'warning.replaced-bytes': 'des octets ne sont pas valides en {encoding} ; ils ont été remplacés par \uFFFD',
    'warning.lossy-utf8': 'séquences UTF-8 invalides remplacées par \uFFFD : {count}',
    'warning.windows-1252': 'le fichier n’est pas en UTF-8 ; il a été lu en Windows-1252 (Europe occidentale, Latin-1)',
    'warning.no-article': 'aucun article n’a été reconnu dans cette page ; tout son texte visible a été pris',
    'warning.truncated': 'seules les {read} premières pages sur {pages} ont été lues : la limite de texte était atteinte',
    'format.text': 'texte',
    'format.docx': 'Word (.docx)',
    'binary.pdf': 'un document PDF',
    'binary.png': 'une image PNG',
    'binary.jpeg': 'une image JPEG',
    'binary.gif': 'une image GIF',
    'binary.zip': 'une archive ZIP (ou un document Office autre que .docx)',
    'binary.zip-empty': 'une archive ZIP vide',
    'binary.ole': 'un ancien document Microsoft Office (.doc, .xls, .ppt)',
    'binary.rtf': 'un document RTF (.rtf)',
    'binary.elf': 'un programme (exécutable ELF)',
    'binary.gzip': 'un fichier compressé gzip',
    'binary.bzip2': 'un fichier compressé bzip2',
    'binary.xz': 'un fichier compressé xz',
    'binary.7z': 'une archive 7-Zip',
    'binary.rar': 'une archive RAR',
    'binary.wasm': 'un module WebAssembly',
    'binary.sqlite': 'une base de données SQLite',
    'binary.ogg': 'un fichier audio ou vidéo Ogg',
    'binary.flac': 'un fichier audio FLAC',
    'binary.mp3': 'un fichier audio MP3',
    'binary.woff': 'une police web',
    'binary.ttf': 'une police TrueType',
    'binary.exe': 'un programme Windows',
    'binary.mp4': 'un fichier vidéo ou audio MP4/QuickTime',
    'binary.webp': 'une image WebP',
    'binary.wav': 'un fichier audio WAV',
    'binary.avi': 'une vidéo AVI',
    'binary.riff': 'un fichier multimédia RIFF',
    'binary.svg': 'une image SVG',
    'zip.xlsx': 'un classeur Excel',
    'zip.pptx': 'une présentation PowerPoint',
    'zip.odf': 'un fichier OpenDocument',
    'zip.docx-layout': 'un document Word d’une organisation inhabituelle',
    'zip.zip': 'une archive ZIP',
    'reason.no-directory': 'le répertoire zip manque (le fichier est-il tronqué ?)',
    'reason.bad-entry': 'une entrée zip est endommagée',
    'reason.cut-short': 'le fichier est tronqué',
    'reason.compression': 'il utilise une méthode de compression que recoupe ne connaît pas',
    'reason.inflate': 'une partie compressée est endommagée',
    'reason.xml': 'son XML est mal formé',
    'reason.parse': 'la page n’a pas pu être analysée',
    'reason.structure': 'sa structure n’a pas pu être lue',
  },
};

/** The supported interface languages. */
export const LANGS = ['en', 'fr'];

let current = 'en';

/** Picks the interface language from a stored preference or the browser's languages. */
export function detectLang(stored, navigatorLanguages) {
  if (stored && LANGS.includes(stored)) return stored;
  for (const l of navigatorLanguages || []) {
    const base = String(l).toLowerCase().slice(0, 2);
    if (LANGS.includes(base)) return base;
  }
  return 'en';
}

export function setLang(lang) {
  current = LANGS.includes(lang) ? lang : 'en';
  document.documentElement.lang = current;
}

export function getLang() {
  return current;
}

/** The string for `key` in the current language, `{name}` placeholders filled from `vars`. */
export function t(key, vars) {
  const table = STRINGS[current] || STRINGS.en;
  let s = table[key] ?? STRINGS.en[key] ?? key;
  if (!vars) return s.replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, (m, k, one, other) => other);
  // `{n:one|other}`: the form for the number `n` (a number, or a numeric string).
  s = s.replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, (m, k, one, other) => {
    const n = typeof vars[k] === 'number' ? vars[k] : Number(String(vars[k] ?? '').replace(/[\s\u00a0\u202f,]/g, ''));
    if (!Number.isFinite(n)) return other;
    return (plainOne(n) ?? plurals().select(n) === 'one') ? one : other;
  });
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? (typeof vars[k] === 'number' ? formatNumber(vars[k]) : String(vars[k])) : m));
}

const pluralRules = new Map();
function plurals() {
  if (!pluralRules.has(current)) pluralRules.set(current, new Intl.PluralRules(current));
  return pluralRules.get(current);
}

/** A size in the current language: "16 MB", "16 Mo", "1,5 Mo" (size.js). */
export function formatSize(bytes) {
  return formatSizeIn(bytes, current);
}

/** The words for a parameter of a reader's message (an id becomes a phrase, a size "16 MB"). */
function paramWords(code, params) {
  const vars = { ...params };
  for (const k of ['size', 'limit']) if (typeof params[k] === 'number') vars[k] = formatSize(params[k]);
  for (const k of ['at', 'count', 'total', 'read', 'pages', 'seconds']) if (typeof params[k] === 'number') vars[k] = formatNumber(params[k]);
  if (typeof params.format === 'string') vars.format = t(code === 'binary' ? `binary.${params.format}` : `format.${params.format}`);
  if (typeof params.kind === 'string') vars.kind = t(`zip.${params.kind}`);
  if (typeof params.reason === 'string') vars.reason = t(`reason.${params.reason}`);
  return vars;
}

/** The key for a code: `<prefix>.<code>.<variant | reason | format | kind>` when there is one, else `<prefix>.<code>`. */
function messageKey(prefix, code, params) {
  const table = STRINGS[current] || STRINGS.en;
  const keys = [params.variant, params.reason, params.format, params.kind]
    .filter((v) => typeof v === 'string')
    .map((v) => `${prefix}.${code}.${v}`)
    .concat(`${prefix}.${code}`);
  return keys.find((k) => k in table || k in STRINGS.en);
}

/**
 * What to tell the user about a file that could not be read, in the current language:
 * `{code, params}` as thrown by ingest.js (the core's refusals) or pdfreader.js, worded by
 * `error.<code>[.<variant>]`; an error without a known code shows its own message.
 */
export function errorMessage(err) {
  if (!err) return '';
  const params = err.params || {};
  const key = err.code ? messageKey('error', err.code, params) : null;
  if (!key) return err.message || String(err);
  return t(key, paramWords(err.code, params));
}

/** A reader's warning about a file (`{code, params}`), in the current language. */
export function warningMessage(w) {
  if (typeof w === 'string') return w;
  const params = (w && w.params) || {};
  const key = w && w.code ? messageKey('warning', w.code, params) : null;
  if (!key) return (w && (w.message || w.code)) || '';
  return t(key, paramWords(w.code, params));
}

// Whole numbers, whole percentages and their plural forms without Intl: a page's first
// Intl object loads ICU's locale data, 35–100 ms of main-thread time on a cold start here
// (measured in Chromium 156), for the few numbers of the first screen. The text is Intl's
// own for the page's two languages (e2e/unit/i18n.test.mjs compares them over wide ranges;
// Chromium 156 and Node write the same); anything else goes to Intl.
const PLAIN = { en: { group: ',', percent: '%' }, fr: { group: '\u202f', percent: '\u00a0%' } };

function grouped(digits, sep) {
  let out = digits.slice(-3);
  for (let i = digits.length - 3; i > 0; i -= 3) out = `${digits.slice(Math.max(0, i - 3), i)}${sep}${out}`;
  return out;
}

/** `n` as Intl writes it when it is a whole number from 0 to 2^53, else null. */
function plainNumber(n) {
  const p = PLAIN[current];
  return p && Number.isSafeInteger(n) && n >= 0 ? grouped(String(n), p.group) : null;
}

/**
 * The fraction `x` as a whole percentage as Intl writes it, else null. Intl (ICU) rounds
 * the shortest decimal form of `x` (0.285 is 29 %), halves away from zero: so does this, on
 * the digits of String(x).
 */
function plainPercent(x) {
  const p = PLAIN[current];
  if (!p || typeof x !== 'number' || !(x >= 0) || x >= 1e6) return null;
  const n = scaled(x, 2);
  if (n === null) return x < 0.005 ? `0${p.percent}` : null;
  return grouped(String(n), p.group) + p.percent;
}

/**
 * `x` (0 or more, below 10^6) times 10^`places`, rounded as ICU rounds: the shortest
 * decimal form of `x` (String(x)), halves away from zero; null for an exponent form.
 */
function scaled(x, places) {
  const s = String(x);
  if (s.includes('e')) return null;
  const [whole, frac = ''] = s.split('.');
  const d = frac.padEnd(places + 1, '0');
  return Number(whole + d.slice(0, places)) + (d[places] >= '5' ? 1 : 0);
}

/**
 * `x` (0 to 10^6) with at least two and at most three decimals, as
 * `Intl.NumberFormat(lang, {minimumFractionDigits: 2})` writes it (the sensitivity on the
 * first screen, whose Intl formatter alone loaded ICU's data: 13 ms of the cold start in a
 * profile), else null. Rounds the shortest decimal form half away from zero, as ICU does.
 */
function plainTwoDecimals(x) {
  const p = PLAIN[current];
  if (!p || typeof x !== 'number' || !(x >= 0) || x >= 1e6) return null;
  const thousandths = scaled(x, 3);
  if (thousandths === null) return null;
  let f = String(thousandths % 1000).padStart(3, '0');
  if (f.endsWith('0')) f = f.slice(0, 2);
  return grouped(String(Math.floor(thousandths / 1000)), p.group) + (current === 'fr' ? ',' : '.') + f;
}

/** Whether Intl.PluralRules says 'one' for the whole number `n` (0 to 2^53), else null. */
function plainOne(n) {
  if (!PLAIN[current] || !Number.isSafeInteger(n) || n < 0) return null;
  return current === 'fr' ? n <= 1 : n === 1;
}

const formatters = new Map();
function formatter(opts) {
  const key = `${current}|${JSON.stringify(opts || {})}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(current, opts);
    formatters.set(key, f);
  }
  return f;
}

/** Formats a number for the current language (1 234,5 in French). */
export function formatNumber(n, opts) {
  const plain = !opts ? plainNumber(n)
    : Object.keys(opts).length === 1 && opts.minimumFractionDigits === 2 ? plainTwoDecimals(n) : null;
  return plain || formatter(opts).format(n);
}

/** Formats a 0..1 fraction as a whole percentage. */
export function formatPercent(x) {
  return plainPercent(x) || formatter({ style: 'percent', maximumFractionDigits: 0 }).format(x);
}

/** Fills every `data-i18n` / `data-i18n-attr` element under `root`. */
export function applyI18n(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}
