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
    'app.tagline': 'Cross-check two accounts of the same event',
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
    'export.json': 'Data (JSON)',
    'export.made': 'Made with recoupe on {date}',
    'export.legend': 'Red: words only in A. Green: words only in B. Amber bar: passages that only one account has. Between the columns: how likely the two passages share a fact (0 to 1).',
    'export.saved': 'Saved {name}.',
    'export.none': 'Nothing to export yet: add two documents.',
    'export.settings': 'sensitivity {threshold}, by {split}',
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
    'minimap.label': 'Overview of {name}',
    'view.label': 'Side-by-side comparison',
    'inspector.label': 'What changed',
    'view.empty': 'Nothing to show with this filter.',
  },
  fr: {
    'app.tagline': 'Recouper deux récits d’un même événement',
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
    'export.json': 'Données (JSON)',
    'export.made': 'Fait avec recoupe le {date}',
    'export.legend': 'En rouge : mots seulement dans A. En vert : mots seulement dans B. Barre orange : passages qu’un seul récit contient. Entre les colonnes : probabilité que les deux passages partagent un fait (de 0 à 1).',
    'export.saved': '{name} enregistré.',
    'export.none': 'Rien à exporter pour l’instant : ajoutez deux documents.',
    'export.settings': 'sensibilité {threshold}, par {split}',
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
    'minimap.label': 'Vue d’ensemble de {name}',
    'view.label': 'Comparaison côte à côte',
    'inspector.label': 'Ce qui a changé',
    'view.empty': 'Rien à afficher avec ce filtre.',
    // Messages about a file that could not be read (errorMessage below); English ones are
    // the messages of ingest.js and pdfreader.js themselves.
    'error.too-large': 'le fichier fait {size}, plus que la limite de {limit} par fichier',
    'error.too-large.part': 'une partie de ce fichier se décompresse en plus de {limit}, la limite (une bombe zip ?)',
    'error.total-too-large': 'les fichiers font ensemble {size}, plus que la limite de {limit} au total',
    'error.text-too-large': 'son texte fait {size}, plus que la limite de {limit} de texte par document',
    'error.text-too-large.pasted': 'le texte collé fait {size}, plus que la limite de {limit} de texte par document',
    'error.empty': 'le fichier est vide',
    'error.no-text': 'aucun texte n’a été trouvé dans ce fichier {format}',
    'error.no-text.pdf': 'aucun texte n’a été trouvé dans ce PDF (c’est peut-être une image numérisée ; recoupe ne lit pas le texte des images)',
    'error.no-text.html': 'aucun texte n’a été trouvé dans cette page HTML (elle n’a pas de texte d’article)',
    'error.binary': 'c’est {what}, pas du texte ; recoupe lit les fichiers .txt, .md, .html, .docx et .pdf',
    'error.binary.nul-byte': 'ce sont des données binaires (un octet NUL à l’octet {at}), pas du texte ; recoupe lit les fichiers .txt, .md, .html, .docx et .pdf',
    'error.binary.nul-char': 'ce sont des données binaires (un caractère NUL au caractère {at}), pas du texte ; recoupe lit les fichiers .txt, .md, .html, .docx et .pdf',
    'error.binary.controls': 'ce sont des données binaires ({controls} caractères de contrôle sur {total}), pas du texte ; recoupe lit les fichiers .txt, .md, .html, .docx et .pdf',
    'error.malformed': 'ce fichier Word (.docx) est endommagé ou n’est pas ce que dit son nom : {detail}',
    'error.unsupported.old-format': 'un document {what} ne peut pas être lu ; enregistrez-le en .docx, .pdf ou .txt et ajoutez-le à nouveau',
    'error.unsupported.web-archive': 'une archive web {what} ne peut pas être lue ; enregistrez la page en « Page web, HTML uniquement » (.html) et ajoutez celle-ci',
    'error.unsupported.no-decompression': 'ce navigateur ne sait pas décompresser les fichiers .docx ; utilisez un navigateur récent ou la ligne de commande',
    'error.unsupported.zip-not-docx': 'c’est {what}, qui ne peut pas être lu ; recoupe lit les documents Word (.docx) ; enregistrez le texte en .docx, .pdf ou .txt',
    'error.unreadable': 'le fichier n’a pas pu être lu (a-t-il été déplacé ou supprimé ?)',
    'error.pdf-password': 'ce PDF est protégé par un mot de passe ; ouvrez-le dans votre lecteur PDF, copiez son texte et collez-le ici',
    'error.pdf-damaged': 'ce PDF est endommagé ou n’est pas un PDF, et aucun texte n’a pu en être lu',
    'error.pdf-failed': 'le PDF n’a pas pu être lu ({detail})',
    'error.pdf-timeout': 'la lecture de ce PDF a pris plus de {seconds} secondes et a été arrêtée ; copiez son texte depuis votre lecteur PDF et collez-le ici',
    'error.pdf-unavailable': 'la lecture des PDF n’est pas disponible dans cette page ; copiez le texte depuis votre lecteur PDF et collez-le ici',
  },
};

/** French for the English phrases that ingest.js puts in `what` and `detail`. */
const PHRASES_FR = {
  'a PDF document': 'un document PDF',
  'a PNG image': 'une image PNG',
  'a JPEG image': 'une image JPEG',
  'a GIF image': 'une image GIF',
  'an SVG image': 'une image SVG',
  'a ZIP archive (or an Office document other than .docx)': 'une archive ZIP (ou un document Office autre que .docx)',
  'an old Microsoft Office document (.doc, .xls, .ppt)': 'un ancien document Microsoft Office (.doc, .xls, .ppt)',
  'a Rich Text Format (.rtf) document': 'un document RTF (.rtf)',
  'a program (ELF executable)': 'un programme (exécutable ELF)',
  'a gzip-compressed file': 'un fichier compressé gzip',
  'a 7-Zip archive': 'une archive 7-Zip',
  'a RAR archive': 'une archive RAR',
  'a WebAssembly module': 'un module WebAssembly',
  'an Ogg audio or video file': 'un fichier audio ou vidéo Ogg',
  'a FLAC audio file': 'un fichier audio FLAC',
  'a web font': 'une police web',
  'an MP4/QuickTime video or audio file': 'un fichier vidéo ou audio MP4/QuickTime',
  'a RIFF media file (WebP, WAV, AVI)': 'un fichier multimédia RIFF (WebP, WAV, AVI)',
  'an SQLite database': 'une base de données SQLite',
  'a ZIP archive': 'une archive ZIP',
  'an Excel workbook': 'un classeur Excel',
  'a PowerPoint presentation': 'une présentation PowerPoint',
  'an OpenDocument file': 'un fichier OpenDocument',
  'the zip directory is missing (the file is cut short?)': 'le répertoire zip manque (le fichier est-il tronqué ?)',
  'a zip directory entry is damaged': 'une entrée du répertoire zip est endommagée',
  'a zip entry is damaged': 'une entrée zip est endommagée',
  'the file is cut short': 'le fichier est tronqué',
  'it uses a compression method recoupe does not know': 'il utilise une méthode de compression que recoupe ne connaît pas',
  'a compressed part is damaged': 'une partie compressée est endommagée',
  'its XML is not well-formed': 'son XML est mal formé',
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
    return Number.isFinite(n) && plurals().select(n) === 'one' ? one : other;
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

/**
 * What to tell the user about a file that could not be read: `{code, params, message}` as
 * thrown by ingest.js or pdfreader.js, in the current language. The English message is the
 * one the error carries; other languages look up `error.<code>[.<variant>]`, and fall back to
 * it for codes they do not know (the engine's own messages).
 */
export function errorMessage(err) {
  if (!err) return '';
  const message = err.message || String(err);
  if (current === 'en' || !err.code) return message;
  const params = err.params || {};
  const table = STRINGS[current] || {};
  const key = [`error.${err.code}.${params.variant}`, `error.${err.code}`].find((k) => k in table);
  if (!key) return message;
  const phrase = (x) => (current === 'fr' && PHRASES_FR[x]) || x;
  const vars = { ...params };
  for (const k of ['size', 'limit']) if (typeof params[k] === 'number') vars[k] = formatSize(params[k]);
  for (const k of ['at', 'controls', 'total']) if (typeof params[k] === 'number') vars[k] = formatNumber(params[k]);
  for (const k of ['what', 'detail']) if (typeof params[k] === 'string') vars[k] = phrase(params[k]);
  return t(key, vars);
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
  return formatter(opts).format(n);
}

/** Formats a 0..1 fraction as a whole percentage. */
export function formatPercent(x) {
  return formatter({ style: 'percent', maximumFractionDigits: 0 }).format(x);
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
