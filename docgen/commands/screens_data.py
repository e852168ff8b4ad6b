"""docgen's help screens, recorded by ``python -m docgen.commands.screens_ahead``: do not edit.

``PYTHON``: the version whose argparse they were recorded with; ``SCREENS[lang, command]``: see
``docgen.commands.screens`` (command ``""``: docgen's own screen).
"""

PYTHON = (3, 11)
COMMANDS = ('build', 'check', 'amend', 'new', 'abolish', 'import', 'schema', 'serve')
SCREENS = {('en', ''): (False,
              'docgen',
              (('usage',
                'usage: ',
                'docgen [-h] [--version] [--lang {ja,en}] COMMAND ...',
                '[-h] [--version] [--lang {ja,en}]',
                'COMMAND ...'),
               ('text', 'Write Japanese inter-municipal agreements (連携協約) as Word documents from YAML.'),
               ('section', 'positional arguments', ()),
               ('section',
                'options',
                (('action', '-h, --help', True, 'show this help message and exit', ()),
                 ('action', '--version', True, "show docgen's version and exit", ()),
                 ('action',
                  '--lang {ja,en}',
                  True,
                  "the language of docgen's messages (default: from the locale: LANGUAGE, LC_ALL, LANG)",
                  ()))),
               ('section',
                'commands',
                (('action',
                  'COMMAND',
                  False,
                  None,
                  (('action', 'build', True, 'Build the agreements in PATHS (default: agreements/).', ()),
                   ('action',
                    'check',
                    True,
                    'Check agreements and the template without writing anything.',
                    ()),
                   ('action', 'amend', True, 'Write the amending agreements and 新旧対照表 from OLD to NEW.', ()),
                   ('action', 'new', True, 'Start a new agreement: agreements/REGION/NAME.yaml.', ()),
                   ('action', 'abolish', True, 'Write the agreements that abolish AGREEMENTS.', ()),
                   ('action', 'import', True, "Turn a signed agreement in Word into docgen's YAML.", ()),
                   ('action',
                    'schema',
                    True,
                    'Print the JSON Schema of a YAML file kind (default: agreement).',
                    ()),
                   ('action',
                    'serve',
                    True,
                    'Open a workspace in the browser over the agreements of FOLDER.',
                    ()))),)))),
 ('en', 'abolish'): (True,
                     'docgen abolish',
                     (('usage',
                       'usage: ',
                       'docgen abolish [-h] [--output DIR] [--date YYYY-MM-DD] [--effective YYYY-MM-DD] '
                       '[--by PARTY] [--by-agreement] [--mode {final,draft,copy}] [--seal] [--pdf] [--jobs '
                       'N] [--procedure] [--forms DIR] AGREEMENT [AGREEMENT ...]',
                       '[-h] [--output DIR] [--date YYYY-MM-DD] [--effective YYYY-MM-DD] [--by PARTY] '
                       '[--by-agreement] [--mode {final,draft,copy}] [--seal] [--pdf] [--jobs N] '
                       '[--procedure] [--forms DIR]',
                       'AGREEMENT [AGREEMENT ...]'),
                      ('text',
                       'Write the agreements that abolish AGREEMENTS.\n'
                       '\n'
                       'For each agreement file (or each in a folder) it writes '
                       '<output>/<region>/<name>.abolition.docx: the\n'
                       'agreement abolishing it (「…を廃止する協約」, for a 定住自立圏形成協定 「…を廃止する協定」), naming it\n'
                       'and the day it was signed, signed by the heads in office on --date. With '
                       '--procedure, also each\n'
                       "party's council bill, notice and notification of the abolition:\n"
                       '<output>/<region>/<name>/<party>-abolition-bill.docx, …-notice.docx, '
                       '…-notification.docx.\n'
                       'A 定住自立圏形成協定 is abolished as its own article on 廃止 says: with --by PARTY, the notice '
                       '(通告)\n'
                       "that party gives the other after its council's vote, "
                       '<output>/<region>/<name>.abolition-notice.docx,\n'
                       "and with --procedure that party's bill; the day the 協定 loses effect is the one its "
                       'article gives,\n'
                       'else --effective. --by-agreement writes an agreement of both parties abolishing it '
                       'instead.\n'
                       'All documents are written together, or none.'),
                      ('section',
                       'positional arguments',
                       (('action', 'AGREEMENT', True, 'agreement files or folders to abolish', ()),)),
                      ('section',
                       'options',
                       (('action', '-h, --help', True, 'show this help message and exit', ()),
                        ('action',
                         '--output DIR, -o DIR',
                         True,
                         'folder to write into (default: output/)',
                         ()),
                        ('action',
                         '--date YYYY-MM-DD',
                         True,
                         "the abolition's signing date (with --by: the notice's date): the heads in office "
                         'on it sign (a draft may leave it blank)',
                         ()),
                        ('action',
                         '--effective YYYY-MM-DD',
                         True,
                         'the day the abolition takes effect (default: the signing date, 「締結の日から」; with '
                         "--by: the day the 協定's article gives)",
                         ()),
                        ('action',
                         '--by PARTY',
                         True,
                         'a 定住自立圏形成協定 only: the party that gives notice (通告) of the abolition, as its own '
                         'article says; writes that notice instead of an abolishing agreement',
                         ()),
                        ('action',
                         '--by-agreement',
                         True,
                         'a 定住自立圏形成協定 only: abolish it by an agreement of both parties instead of by notice',
                         ()),
                        ('action',
                         '--mode {final,draft,copy}',
                         True,
                         'final (default): the signing copy; draft: marked （案）, date and heads may be blank; '
                         'copy: marked 写',
                         ()),
                        ('action', '--seal', True, "print 印 after each head's name, where the seal goes", ()),
                        ('action',
                         '--pdf',
                         True,
                         'also write a .pdf beside each .docx (needs LibreOffice)',
                         ()),
                        ('action',
                         '--jobs N, -j N',
                         True,
                         'LibreOffice processes converting at once (default: the cores docgen may use, at '
                         'most 4)',
                         ()),
                        ('action',
                         '--procedure',
                         True,
                         "also write, for the abolition, each party's council bill (議案), public notice (告示) "
                         'and notification (届出)',
                         ()),
                        ('action',
                         '--forms DIR',
                         True,
                         "folder of the form templates (default: templates/forms); a municipality's own "
                         'forms are in DIR/<municipality>/',
                         ()))))),
 ('en', 'amend'): (True,
                   'docgen amend',
                   (('usage',
                     'usage: ',
                     'docgen amend [-h] [--output DIR] [--date YYYY-MM-DD] [--effective YYYY-MM-DD] [--mode '
                     '{final,draft,copy}] [--seal] [--pdf] [--jobs N] [--old-left] [--blank-sides] [--style '
                     '{kaibun,table}] [--procedure] [--forms DIR] OLD NEW',
                     '[-h] [--output DIR] [--date YYYY-MM-DD] [--effective YYYY-MM-DD] [--mode '
                     '{final,draft,copy}] [--seal] [--pdf] [--jobs N] [--old-left] [--blank-sides] [--style '
                     '{kaibun,table}] [--procedure] [--forms DIR]',
                     'OLD NEW'),
                    ('text',
                     'Write the amending agreements and 新旧対照表 from OLD to NEW.\n'
                     '\n'
                     'OLD holds the agreements as signed (a copy of the folder, or a checkout of an earlier '
                     'revision),\n'
                     'NEW as they are to read; both are agreement files or folders, matched by their path '
                     'below the\n'
                     'folder given. For each agreement whose printed text differs it writes\n'
                     '<output>/<region>/<name>.amendment.docx and <name>.comparison.docx; an unchanged one '
                     'gets nothing.\n'
                     "docgen checks that its 改め文, applied to OLD's text, give NEW's text before it writes "
                     'anything.'),
                    ('section',
                     'positional arguments',
                     (('action', 'OLD', True, 'the agreements as signed (file or folder)', ()),
                      ('action', 'NEW', True, 'the agreements as they are to read', ()))),
                    ('section',
                     'options',
                     (('action', '-h, --help', True, 'show this help message and exit', ()),
                      ('action', '--output DIR, -o DIR', True, 'folder to write into (default: output/)', ()),
                      ('action',
                       '--date YYYY-MM-DD',
                       True,
                       "the amendment's signing date: the heads in office on it sign (a draft may leave it "
                       'blank)',
                       ()),
                      ('action',
                       '--effective YYYY-MM-DD',
                       True,
                       'the day the amendment takes effect (default: the signing date, 「締結の日から」)',
                       ()),
                      ('action',
                       '--mode {final,draft,copy}',
                       True,
                       'final (default): the signing copy; draft: marked （案）, date and heads may be blank; '
                       'copy: marked 写',
                       ()),
                      ('action', '--seal', True, "print 印 after each head's name, where the seal goes", ()),
                      ('action',
                       '--pdf',
                       True,
                       'also write a .pdf beside each .docx (needs LibreOffice)',
                       ()),
                      ('action',
                       '--jobs N, -j N',
                       True,
                       'LibreOffice processes converting at once (default: the cores docgen may use, at most '
                       '4)',
                       ()),
                      ('action',
                       '--old-left',
                       True,
                       'put the text before the change (変更前) in the left column of the 新旧対照表 (default: 変更後)',
                       ()),
                      ('action',
                       '--blank-sides',
                       True,
                       'leave empty the old side of a provision added and the new side of one deleted in the '
                       '新旧対照表 (default: 「（新設）」 and 「（削る）」)',
                       ()),
                      ('action',
                       '--style {kaibun,table}',
                       True,
                       'how the amending agreement amends: by 改め文 (default), or by a table of the changed '
                       'provisions whose underlined old parts become the underlined new parts (新旧対照表方式)',
                       ()),
                      ('action',
                       '--procedure',
                       True,
                       "also write, for the change, each party's council bill (議案), public notice (告示) and "
                       'notification (届出)',
                       ()),
                      ('action',
                       '--forms DIR',
                       True,
                       "folder of the form templates (default: templates/forms); a municipality's own forms "
                       'are in DIR/<municipality>/',
                       ()))))),
 ('en', 'build'): (True,
                   'docgen build',
                   (('usage',
                     'usage: ',
                     'docgen build [-h] [--output DIR] [--template FILE] [--mode {final,draft,copy}] '
                     '[--seal] [--pdf] [--jobs N] [--procedure] [--forms DIR] [--clean] [PATH ...]',
                     '[-h] [--output DIR] [--template FILE] [--mode {final,draft,copy}] [--seal] [--pdf] '
                     '[--jobs N] [--procedure] [--forms DIR] [--clean]',
                     '[PATH ...]'),
                    ('text',
                     'Build the agreements in PATHS (default: agreements/).\n'
                     '\n'
                     'PATHS are agreement files or folders of them.\n'
                     'Every agreement is checked first: if one is wrong, all mistakes are listed and nothing '
                     'is written.\n'
                     'Then all documents are written together: <output>/<region>/<agreement>.docx, and with '
                     '--procedure\n'
                     '<output>/<region>/<agreement>/<party>-bill.docx, -notice.docx and -notification.docx.'),
                    ('section',
                     'positional arguments',
                     (('action', 'PATH', True, 'agreement files or folders (default: agreements/)', ()),)),
                    ('section',
                     'options',
                     (('action', '-h, --help', True, 'show this help message and exit', ()),
                      ('action', '--output DIR, -o DIR', True, 'folder to write into (default: output/)', ()),
                      ('action',
                       '--template FILE, -t FILE',
                       True,
                       'Word template (default: templates/renkei-kyoyaku.docx, else the one docgen ships)',
                       ()),
                      ('action',
                       '--mode {final,draft,copy}',
                       True,
                       'final (default): the signing copy; draft: marked （案）, date and heads may be blank; '
                       'copy: marked 写',
                       ()),
                      ('action', '--seal', True, "print 印 after each head's name, where the seal goes", ()),
                      ('action',
                       '--pdf',
                       True,
                       'also write <agreement>.pdf beside each .docx (needs LibreOffice)',
                       ()),
                      ('action',
                       '--jobs N, -j N',
                       True,
                       'LibreOffice processes converting at once (default: the cores docgen may use, at most '
                       '4)',
                       ()),
                      ('action',
                       '--procedure',
                       True,
                       "also write each party's council bill (議案), public notice (告示) and notification (届出)",
                       ()),
                      ('action',
                       '--forms DIR',
                       True,
                       "folder of the form templates (default: templates/forms); a municipality's own forms "
                       'are in DIR/<municipality>/',
                       ()),
                      ('action',
                       '--clean',
                       True,
                       'remove the documents an earlier build wrote into the output folder whose agreement '
                       'is gone (without it, the summary lists them); a file docgen did not write, or one '
                       'changed since, is never removed',
                       ()))))),
 ('en', 'check'): (True,
                   'docgen check',
                   (('usage',
                     'usage: ',
                     'docgen check [-h] [--template FILE] [--mode {final,draft,copy}] [--procedure] [--forms '
                     'DIR] [--date YYYY-MM-DD] [PATH ...]',
                     '[-h] [--template FILE] [--mode {final,draft,copy}] [--procedure] [--forms DIR] [--date '
                     'YYYY-MM-DD]',
                     '[PATH ...]'),
                    ('text',
                     'Check agreements and the template without writing anything.\n'
                     '\n'
                     'Lists every mistake and every value still to fill in (a value "TODO: …" left by '
                     '`docgen new`)\n'
                     'as file:line:column, and exits non-zero while there is any. With --procedure it also '
                     'checks the\n'
                     'forms and lists, as notes that do not fail the check, the numbers and dates they leave '
                     'blank.'),
                    ('section',
                     'positional arguments',
                     (('action', 'PATH', True, 'agreement files or folders (default: agreements/)', ()),)),
                    ('section',
                     'options',
                     (('action', '-h, --help', True, 'show this help message and exit', ()),
                      ('action',
                       '--template FILE, -t FILE',
                       True,
                       'Word template (default: templates/renkei-kyoyaku.docx, else the one docgen ships)',
                       ()),
                      ('action',
                       '--mode {final,draft,copy}',
                       True,
                       'final (default): the signing copy; draft: marked （案）, date and heads may be blank; '
                       'copy: marked 写',
                       ()),
                      ('action',
                       '--procedure',
                       True,
                       "also check each party's council bill (議案), public notice (告示) and notification (届出)",
                       ()),
                      ('action',
                       '--forms DIR',
                       True,
                       "folder of the form templates (default: templates/forms); a municipality's own forms "
                       'are in DIR/<municipality>/',
                       ()),
                      ('action',
                       '--date YYYY-MM-DD',
                       True,
                       'also list the heads who would sign on this day (a signing, an amendment or an '
                       'abolition), to confirm; a municipality with no head recorded in office then is an '
                       'error',
                       ()))))),
 ('en', 'import'): (True,
                    'docgen import',
                    (('usage',
                      'usage: ',
                      'docgen import [-h] [--output FOLDER] [--region ID] FILE.docx',
                      '[-h] [--output FOLDER] [--region ID]',
                      'FILE.docx'),
                     ('text',
                      "Turn a signed agreement in Word into docgen's YAML.\n"
                      '\n'
                      'Writes FOLDER/REGION/region.yaml (the text every agreement of the region shares, with '
                      'references\n'
                      'to the parties and articles), FOLDER/REGION/NAME.yaml (date and parties; NAME from '
                      "the file's\n"
                      "name) and the parties' entries in municipalities.yaml (appended; an entry already "
                      'there is never\n'
                      'changed). All files or none; an existing region or agreement is never overwritten. '
                      'What could not\n'
                      'be recognised is kept as literal text, with a warning naming its paragraph.'),
                     ('section',
                      'positional arguments',
                      (('action', 'FILE.docx', True, 'the signed agreement as a Word file', ()),)),
                     ('section',
                      'options',
                      (('action', '-h, --help', True, 'show this help message and exit', ()),
                       ('action',
                        '--output FOLDER, -o FOLDER',
                        True,
                        'the folder that holds the regions (default: agreements/)',
                        ()),
                       ('action',
                        '--region ID',
                        True,
                        "the region's id, the name of its folder (default: from the file's name), e.g. "
                        'yamaguchi-kenou',
                        ()))))),
 ('en', 'new'): (True,
                 'docgen new',
                 (('usage',
                   'usage: ',
                   'docgen new [-h] [--party NAME] [--date YYYY-MM-DD] [--kind {renkei,teiju}] '
                   '[--new-municipality] [--agreements DIR] REGION NAME',
                   '[-h] [--party NAME] [--date YYYY-MM-DD] [--kind {renkei,teiju}] [--new-municipality] '
                   '[--agreements DIR]',
                   'REGION NAME'),
                  ('text',
                   'Start a new agreement: agreements/REGION/NAME.yaml.\n'
                   '\n'
                   'Values still to decide read "TODO: …"; `docgen check` lists them. A party not yet in\n'
                   'municipalities.yaml is added there with its prefecture (from the national list of '
                   'municipalities) and\n'
                   'its address, title and head to fill in; a name that is no municipality of Japan is '
                   'refused, and one\n'
                   'close to a known one (美弥市, 美祢市) is added only with --new-municipality. With --kind and a '
                   'REGION\n'
                   'that does not exist yet, docgen also writes agreements/REGION/region.yaml from its model '
                   'text of that\n'
                   'kind: renkei (a 連携協約 of a 連携中枢都市圏) or teiju (a 定住自立圏形成協定).\n'
                   'An existing file is never overwritten; all files are written together, or none.'),
                  ('section',
                   'positional arguments',
                   (('action', 'REGION', True, "the region's id (its folder), e.g. yamaguchi-kenou", ()),
                    ('action', 'NAME', True, "the new agreement's file name, e.g. shunan", ()))),
                  ('section',
                   'options',
                   (('action', '-h, --help', True, 'show this help message and exit', ()),
                    ('action',
                     '--party NAME, -p NAME',
                     True,
                     'a party as named in municipalities.yaml, 甲 first; repeat for each party',
                     ()),
                    ('action', '--date YYYY-MM-DD', True, 'the signing date (default: left to fill in)', ()),
                    ('action',
                     '--kind {renkei,teiju}',
                     True,
                     'start the region REGION: renkei (連携協約, 地方自治法第252条の2) or teiju (定住自立圏形成協定)',
                     ()),
                    ('action',
                     '--new-municipality',
                     True,
                     'the parties municipalities.yaml does not know are new: add them even when a name is '
                     'close to a known one',
                     ()),
                    ('action',
                     '--agreements DIR',
                     True,
                     'the folder that holds the regions (default: agreements/)',
                     ()))))),
 ('en', 'schema'): (True,
                    'docgen schema',
                    (('usage',
                      'usage: ',
                      'docgen schema [-h] [{agreement,region,municipalities}]',
                      '[-h]',
                      '[{agreement,region,municipalities}]'),
                     ('text',
                      'Print the JSON Schema of a YAML file kind (default: agreement).\n'
                      '\n'
                      'The kinds: an agreement file, region.yaml or municipalities.yaml.\n'
                      'Editors with yaml-language-server use it for completion and checking: see the first '
                      'line of each\n'
                      'YAML file.'),
                     ('section',
                      'positional arguments',
                      (('action',
                        '{agreement,region,municipalities}',
                        True,
                        "which file's schema (default: agreement)",
                        ()),)),
                     ('section',
                      'options',
                      (('action', '-h, --help', True, 'show this help message and exit', ()),)))),
 ('en', 'serve'): (True,
                   'docgen serve',
                   (('usage',
                     'usage: ',
                     'docgen serve [-h] [--output DIR] [--port N] [--no-browser] [FOLDER]',
                     '[-h] [--output DIR] [--port N] [--no-browser]',
                     '[FOLDER]'),
                    ('text',
                     'Open a workspace in the browser over the agreements of FOLDER.\n'
                     '\n'
                     'Serves on 127.0.0.1 only and prints an address with a one-time token that signs your '
                     'browser in.\n'
                     'Pages follow the files: save a YAML file in an editor and open pages update within a '
                     'second or two.\n'
                     'Forms draft a new agreement, record a new head, add a municipality and show an '
                     'amendment; they write\n'
                     'the same YAML files the commands write. Stop it with Ctrl-C.'),
                    ('section',
                     'positional arguments',
                     (('action',
                       'FOLDER',
                       True,
                       'the folder that holds the regions (default: agreements/)',
                       ()),)),
                    ('section',
                     'options',
                     (('action', '-h, --help', True, 'show this help message and exit', ()),
                      ('action',
                       '--output DIR, -o DIR',
                       True,
                       'folder the workspace writes documents into (default: output/)',
                       ()),
                      ('action',
                       '--port N',
                       True,
                       'the port on 127.0.0.1 (default: 8390; 0: any free port)',
                       ()),
                      ('action', '--no-browser', True, 'print the address; do not open a browser', ()))))),
 ('ja', ''): (False,
              'docgen',
              (('usage',
                '使い方: ',
                'docgen [-h] [--version] [--lang {ja,en}] COMMAND ...',
                '[-h] [--version] [--lang {ja,en}]',
                'COMMAND ...'),
               ('text', 'YAML から連携協約などの文書を Word 文書として作成します。'),
               ('section', '引数', ()),
               ('section',
                'オプション',
                (('action', '-h, --help', True, 'このヘルプを表示して終了します', ()),
                 ('action', '--version', True, 'docgen のバージョンを表示して終了します', ()),
                 ('action',
                  '--lang {ja,en}',
                  True,
                  'docgen のメッセージの言語（既定: ロケール LANGUAGE, LC_ALL, LANG による）',
                  ()))),
               ('section',
                'コマンド',
                (('action',
                  'COMMAND',
                  False,
                  None,
                  (('action', 'build', True, 'PATHS の協約を作成します（既定: agreements/）。', ()),
                   ('action', 'check', True, '何も書き出さずに、協約と様式を確認します。', ()),
                   ('action', 'amend', True, 'OLD から NEW への変更協約と新旧対照表を作成します。', ()),
                   ('action', 'new', True, '新しい協約 agreements/REGION/NAME.yaml を作ります。', ()),
                   ('action', 'abolish', True, 'AGREEMENT を廃止する協約を作成します。', ()),
                   ('action', 'import', True, '締結済みの協約の Word 文書を docgen の YAML に取り込みます。', ()),
                   ('action', 'schema', True, 'YAML ファイルの種類ごとの JSON Schema を出力します（既定: agreement）。', ()),
                   ('action', 'serve', True, 'FOLDER の協約を扱う作業画面をブラウザで開きます。', ()))),)))),
 ('ja', 'abolish'): (True,
                     'docgen abolish',
                     (('usage',
                       '使い方: ',
                       'docgen abolish [-h] [--output DIR] [--date YYYY-MM-DD] [--effective YYYY-MM-DD] '
                       '[--by PARTY] [--by-agreement] [--mode {final,draft,copy}] [--seal] [--pdf] [--jobs '
                       'N] [--procedure] [--forms DIR] AGREEMENT [AGREEMENT ...]',
                       '[-h] [--output DIR] [--date YYYY-MM-DD] [--effective YYYY-MM-DD] [--by PARTY] '
                       '[--by-agreement] [--mode {final,draft,copy}] [--seal] [--pdf] [--jobs N] '
                       '[--procedure] [--forms DIR]',
                       'AGREEMENT [AGREEMENT ...]'),
                      ('text',
                       'AGREEMENT を廃止する協約を作成します。\n'
                       '\n'
                       '協約のファイルごとに（フォルダならその中の協約ごとに）<output>/<圏域>/<名前>.abolition.docx を\n'
                       '書き出します。その協約を題名と締結日で示して廃止する協約（「…を廃止する協約」、定住自立圏形成協定\n'
                       'では「…を廃止する協定」）で、--date の日に在任する長が署名します。--procedure を付けると、\n'
                       '廃止についての各締結団体の議案・告示・届出も書き出します:\n'
                       '<output>/<圏域>/<名前>/<団体>-abolition-bill.docx、…-notice.docx、…-notification.docx。\n'
                       '定住自立圏形成協定は、協定自身の廃止の条に従って廃止します。--by 団体 を付けると、その団体が議会の\n'
                       '議決を経て相手方にする通告の通告書 <output>/<圏域>/<名前>.abolition-notice.docx を、--procedure で\n'
                       'その団体の議案も書き出します。協定が効力を失う日は、協定の条が定める日（定めがなければ --effective）\n'
                       'です。--by-agreement を付けると、代わりに双方の団体が廃止する協定を書き出します。\n'
                       'すべての文書をまとめて書き出すか、一つも書き出さないかのどちらかです。'),
                      ('section', '引数', (('action', 'AGREEMENT', True, '廃止する協約のファイル又はフォルダ', ()),)),
                      ('section',
                       'オプション',
                       (('action', '-h, --help', True, 'このヘルプを表示して終了します', ()),
                        ('action', '--output DIR, -o DIR', True, '書き出し先のフォルダ（既定: output/）', ()),
                        ('action',
                         '--date YYYY-MM-DD',
                         True,
                         '廃止協約の締結日（--by では通告の日）。その日に在任する長が署名します（案では未記入でも可）',
                         ()),
                        ('action',
                         '--effective YYYY-MM-DD',
                         True,
                         '廃止協約の効力発生日（既定: 締結日。「締結の日から」。--by では協定の条が定める日）',
                         ()),
                        ('action',
                         '--by PARTY',
                         True,
                         '定住自立圏形成協定だけ: 協定自身の条に従って廃止を通告する団体。廃止する協定の代わりにその通告書を書き出します',
                         ()),
                        ('action', '--by-agreement', True, '定住自立圏形成協定だけ: 通告ではなく、双方の団体の協定により廃止します', ()),
                        ('action',
                         '--mode {final,draft,copy}',
                         True,
                         'final（既定）: 締結用の正本。draft: （案）と表示し、締結日と長は未記入でも可。copy: 写と表示',
                         ()),
                        ('action', '--seal', True, '各団体の長の氏名の後の押印箇所に「印」を印字します', ()),
                        ('action', '--pdf', True, '各 .docx の隣に .pdf も書き出します（LibreOffice が必要です）', ()),
                        ('action',
                         '--jobs N, -j N',
                         True,
                         '同時に PDF 変換を行う LibreOffice のプロセス数（既定: 使用できるコア数。最大 4）',
                         ()),
                        ('action', '--procedure', True, '廃止について、各締結団体の議案・告示・届出も書き出します', ()),
                        ('action',
                         '--forms DIR',
                         True,
                         '議案・告示・届出の様式のフォルダ（既定: templates/forms）。団体独自の様式は DIR/<団体名>/ に置きます',
                         ()))))),
 ('ja', 'amend'): (True,
                   'docgen amend',
                   (('usage',
                     '使い方: ',
                     'docgen amend [-h] [--output DIR] [--date YYYY-MM-DD] [--effective YYYY-MM-DD] [--mode '
                     '{final,draft,copy}] [--seal] [--pdf] [--jobs N] [--old-left] [--blank-sides] [--style '
                     '{kaibun,table}] [--procedure] [--forms DIR] OLD NEW',
                     '[-h] [--output DIR] [--date YYYY-MM-DD] [--effective YYYY-MM-DD] [--mode '
                     '{final,draft,copy}] [--seal] [--pdf] [--jobs N] [--old-left] [--blank-sides] [--style '
                     '{kaibun,table}] [--procedure] [--forms DIR]',
                     'OLD NEW'),
                    ('text',
                     'OLD から NEW への変更協約と新旧対照表を作成します。\n'
                     '\n'
                     'OLD には締結したときの協約（フォルダの写し又は以前の版）を、NEW には変更後の協約を指定します。\n'
                     'どちらも協約のファイル又はフォルダで、指定したフォルダからの相対パスで対応させます。\n'
                     '本文が異なる協約ごとに <output>/<圏域>/<名前>.amendment.docx（変更協約）と\n'
                     '<名前>.comparison.docx（新旧対照表）を書き出します。変わらない協約には何も書き出しません。\n'
                     'docgen は、書き出す前に、改め文を OLD の本文に当てはめると NEW の本文になることを確かめます。'),
                    ('section',
                     '引数',
                     (('action', 'OLD', True, '締結したときの協約（ファイル又はフォルダ）', ()),
                      ('action', 'NEW', True, '変更後の協約', ()))),
                    ('section',
                     'オプション',
                     (('action', '-h, --help', True, 'このヘルプを表示して終了します', ()),
                      ('action', '--output DIR, -o DIR', True, '書き出し先のフォルダ（既定: output/）', ()),
                      ('action', '--date YYYY-MM-DD', True, '変更協約の締結日。その日に在任する長が署名します（案では未記入でも可）', ()),
                      ('action', '--effective YYYY-MM-DD', True, '変更協約の効力発生日（既定: 締結日。「締結の日から」）', ()),
                      ('action',
                       '--mode {final,draft,copy}',
                       True,
                       'final（既定）: 締結用の正本。draft: （案）と表示し、締結日と長は未記入でも可。copy: 写と表示',
                       ()),
                      ('action', '--seal', True, '各団体の長の氏名の後の押印箇所に「印」を印字します', ()),
                      ('action', '--pdf', True, '各 .docx の隣に .pdf も書き出します（LibreOffice が必要です）', ()),
                      ('action',
                       '--jobs N, -j N',
                       True,
                       '同時に PDF 変換を行う LibreOffice のプロセス数（既定: 使用できるコア数。最大 4）',
                       ()),
                      ('action', '--old-left', True, '新旧対照表の左欄に変更前を置きます（既定: 変更後）', ()),
                      ('action',
                       '--blank-sides',
                       True,
                       '新旧対照表で、加える規定の変更前の欄と削る規定の変更後の欄を空けます（既定: 「（新設）」と「（削る）」）',
                       ()),
                      ('action',
                       '--style {kaibun,table}',
                       True,
                       '変更協約の変更の方式: 改め文（既定）、又は変更する規定の表で、傍線を付した変更前の部分を傍線を付した変更後の部分に改めるもの（新旧対照表方式）',
                       ()),
                      ('action', '--procedure', True, '変更について、各締結団体の議案・告示・届出も書き出します', ()),
                      ('action',
                       '--forms DIR',
                       True,
                       '議案・告示・届出の様式のフォルダ（既定: templates/forms）。団体独自の様式は DIR/<団体名>/ に置きます',
                       ()))))),
 ('ja', 'build'): (True,
                   'docgen build',
                   (('usage',
                     '使い方: ',
                     'docgen build [-h] [--output DIR] [--template FILE] [--mode {final,draft,copy}] '
                     '[--seal] [--pdf] [--jobs N] [--procedure] [--forms DIR] [--clean] [PATH ...]',
                     '[-h] [--output DIR] [--template FILE] [--mode {final,draft,copy}] [--seal] [--pdf] '
                     '[--jobs N] [--procedure] [--forms DIR] [--clean]',
                     '[PATH ...]'),
                    ('text',
                     'PATHS の協約を作成します（既定: agreements/）。\n'
                     '\n'
                     'PATHS には協約のファイル又はそのフォルダを指定します。\n'
                     'まずすべての協約を確認します。誤りが一つでもあれば、すべての誤りを示し、何も書き出しません。\n'
                     '誤りがなければ、すべての文書をまとめて <output>/<圏域>/<協約>.docx に書き出します。--procedure を\n'
                     '付けると、<output>/<圏域>/<協約>/<団体>-bill.docx（議案）、-notice.docx（告示）、\n'
                     '-notification.docx（届出）も書き出します。'),
                    ('section', '引数', (('action', 'PATH', True, '協約のファイル又はフォルダ（既定: agreements/）', ()),)),
                    ('section',
                     'オプション',
                     (('action', '-h, --help', True, 'このヘルプを表示して終了します', ()),
                      ('action', '--output DIR, -o DIR', True, '書き出し先のフォルダ（既定: output/）', ()),
                      ('action',
                       '--template FILE, -t FILE',
                       True,
                       '様式（Word テンプレート）（既定: templates/renkei-kyoyaku.docx。それもなければ docgen 付属のもの）',
                       ()),
                      ('action',
                       '--mode {final,draft,copy}',
                       True,
                       'final（既定）: 締結用の正本。draft: （案）と表示し、締結日と長は未記入でも可。copy: 写と表示',
                       ()),
                      ('action', '--seal', True, '各団体の長の氏名の後の押印箇所に「印」を印字します', ()),
                      ('action', '--pdf', True, '各 .docx の隣に <協約>.pdf も書き出します（LibreOffice が必要です）', ()),
                      ('action',
                       '--jobs N, -j N',
                       True,
                       '同時に PDF 変換を行う LibreOffice のプロセス数（既定: 使用できるコア数。最大 4）',
                       ()),
                      ('action', '--procedure', True, '各締結団体の議案・告示・届出も書き出します', ()),
                      ('action',
                       '--forms DIR',
                       True,
                       '議案・告示・届出の様式のフォルダ（既定: templates/forms）。団体独自の様式は DIR/<団体名>/ に置きます',
                       ()),
                      ('action',
                       '--clean',
                       True,
                       '以前の作成で書き出し先のフォルダに書き出した文書のうち、元の協約がなくなったものを削除します（付けない場合は一覧を表示します）。docgen '
                       'が書き出していないファイルや、その後に変更されたファイルは削除しません',
                       ()))))),
 ('ja', 'check'): (True,
                   'docgen check',
                   (('usage',
                     '使い方: ',
                     'docgen check [-h] [--template FILE] [--mode {final,draft,copy}] [--procedure] [--forms '
                     'DIR] [--date YYYY-MM-DD] [PATH ...]',
                     '[-h] [--template FILE] [--mode {final,draft,copy}] [--procedure] [--forms DIR] [--date '
                     'YYYY-MM-DD]',
                     '[PATH ...]'),
                    ('text',
                     '何も書き出さずに、協約と様式を確認します。\n'
                     '\n'
                     'すべての誤りと未記入の値（`docgen new` が残した「TODO: …」の値）を ファイル:行:列 で示し、\n'
                     '一つでもあれば 0 以外の終了コードで終わります。--procedure を付けると様式も確認し、\n'
                     '様式で空欄になる番号や日付を注記として示します（注記があっても確認は失敗しません）。'),
                    ('section', '引数', (('action', 'PATH', True, '協約のファイル又はフォルダ（既定: agreements/）', ()),)),
                    ('section',
                     'オプション',
                     (('action', '-h, --help', True, 'このヘルプを表示して終了します', ()),
                      ('action',
                       '--template FILE, -t FILE',
                       True,
                       '様式（Word テンプレート）（既定: templates/renkei-kyoyaku.docx。それもなければ docgen 付属のもの）',
                       ()),
                      ('action',
                       '--mode {final,draft,copy}',
                       True,
                       'final（既定）: 締結用の正本。draft: （案）と表示し、締結日と長は未記入でも可。copy: 写と表示',
                       ()),
                      ('action', '--procedure', True, '各締結団体の議案・告示・届出も確認します', ()),
                      ('action',
                       '--forms DIR',
                       True,
                       '議案・告示・届出の様式のフォルダ（既定: templates/forms）。団体独自の様式は DIR/<団体名>/ に置きます',
                       ()),
                      ('action',
                       '--date YYYY-MM-DD',
                       True,
                       'この日（締結、変更又は廃止の日）に署名する長の一覧も、確認のために示します。その日に在任する長が記録されていない団体があればエラーです',
                       ()))))),
 ('ja', 'import'): (True,
                    'docgen import',
                    (('usage',
                      '使い方: ',
                      'docgen import [-h] [--output FOLDER] [--region ID] FILE.docx',
                      '[-h] [--output FOLDER] [--region ID]',
                      'FILE.docx'),
                     ('text',
                      '締結済みの協約の Word 文書を docgen の YAML に取り込みます。\n'
                      '\n'
                      'FOLDER/REGION/region.yaml（圏域の協約に共通の本文。締結団体と条への参照を含みます）、\n'
                      'FOLDER/REGION/NAME.yaml（締結日と締結団体。NAME はファイル名から）を書き出し、\n'
                      'municipalities.yaml に締結団体を追記します（既にある団体は変更しません）。\n'
                      'すべてのファイルを書き出すか、何も書き出さないかのどちらかです。\n'
                      '既存の圏域や協約を上書きすることはありません。\n'
                      '読み取れなかった部分はそのままの文として残し、その段落を示す警告を出します。'),
                     ('section', '引数', (('action', 'FILE.docx', True, '締結済みの協約の Word ファイル', ()),)),
                     ('section',
                      'オプション',
                      (('action', '-h, --help', True, 'このヘルプを表示して終了します', ()),
                       ('action', '--output FOLDER, -o FOLDER', True, '圏域を収めるフォルダ（既定: agreements/）', ()),
                       ('action',
                        '--region ID',
                        True,
                        '圏域の ID（フォルダ名）（既定: ファイル名から）。例: yamaguchi-kenou',
                        ()))))),
 ('ja', 'new'): (True,
                 'docgen new',
                 (('usage',
                   '使い方: ',
                   'docgen new [-h] [--party NAME] [--date YYYY-MM-DD] [--kind {renkei,teiju}] '
                   '[--new-municipality] [--agreements DIR] REGION NAME',
                   '[-h] [--party NAME] [--date YYYY-MM-DD] [--kind {renkei,teiju}] [--new-municipality] '
                   '[--agreements DIR]',
                   'REGION NAME'),
                  ('text',
                   '新しい協約 agreements/REGION/NAME.yaml を作ります。\n'
                   '\n'
                   'まだ決まっていない値は「TODO: …」と書かれ、`docgen check` がその一覧を示します。\n'
                   'municipalities.yaml にない締結団体は、都道府県名（全国の市町村一覧から）と、記入用の所在地・\n'
                   '長の職名・長の項目を付けてそこに追加します。全国の市町村にない名前は受け付けず、既知の名前に\n'
                   '近い名前（美弥市と美祢市）は --new-municipality を付けたときだけ追加します。まだない REGION に\n'
                   '--kind を付けると、その種類のひな形から agreements/REGION/region.yaml も書き出します。種類は\n'
                   'renkei（連携中枢都市圏の連携協約）か teiju（定住自立圏形成協定）です。既存のファイルは上書き\n'
                   'しません。すべてのファイルをまとめて書き出すか、一つも書き出さないかのどちらかです。'),
                  ('section',
                   '引数',
                   (('action', 'REGION', True, '圏域の ID（フォルダ名）。例: yamaguchi-kenou', ()),
                    ('action', 'NAME', True, '新しい協約のファイル名。例: shunan', ()))),
                  ('section',
                   'オプション',
                   (('action', '-h, --help', True, 'このヘルプを表示して終了します', ()),
                    ('action',
                     '--party NAME, -p NAME',
                     True,
                     '締結団体（municipalities.yaml での名前）。甲から順に、団体ごとに繰り返し指定します',
                     ()),
                    ('action', '--date YYYY-MM-DD', True, '締結日（既定: 未記入）', ()),
                    ('action',
                     '--kind {renkei,teiju}',
                     True,
                     '圏域 REGION を新しく始めます。renkei（連携協約、地方自治法第252条の2）又は teiju（定住自立圏形成協定）',
                     ()),
                    ('action',
                     '--new-municipality',
                     True,
                     'municipalities.yaml にない締結団体を新しい団体として、既知の団体と名前が似ていても追加します',
                     ()),
                    ('action', '--agreements DIR', True, '圏域を収めるフォルダ（既定: agreements/）', ()))))),
 ('ja', 'schema'): (True,
                    'docgen schema',
                    (('usage',
                      '使い方: ',
                      'docgen schema [-h] [{agreement,region,municipalities}]',
                      '[-h]',
                      '[{agreement,region,municipalities}]'),
                     ('text',
                      'YAML ファイルの種類ごとの JSON Schema を出力します（既定: agreement）。\n'
                      '\n'
                      '種類は、協約のファイル（agreement）、region.yaml（region）、\n'
                      'municipalities.yaml（municipalities）です。yaml-language-server に対応したエディタが\n'
                      '補完と確認に使います。各 YAML ファイルの1行目を見てください。'),
                     ('section',
                      '引数',
                      (('action',
                        '{agreement,region,municipalities}',
                        True,
                        'どのファイルのスキーマか（既定: agreement）',
                        ()),)),
                     ('section', 'オプション', (('action', '-h, --help', True, 'このヘルプを表示して終了します', ()),)))),
 ('ja', 'serve'): (True,
                   'docgen serve',
                   (('usage',
                     '使い方: ',
                     'docgen serve [-h] [--output DIR] [--port N] [--no-browser] [FOLDER]',
                     '[-h] [--output DIR] [--port N] [--no-browser]',
                     '[FOLDER]'),
                    ('text',
                     'FOLDER の協約を扱う作業画面をブラウザで開きます。\n'
                     '\n'
                     '127.0.0.1 だけで待ち受け、ブラウザにサインインする一度限りのトークン付きの\n'
                     'アドレスを表示します。画面はファイルに追従します。エディタで YAML ファイルを保存すると、\n'
                     '開いている画面が 1、2 秒で更新されます。フォームで新しい協約の案を作り、長の交代を記録し、\n'
                     '団体を追加し、変更を表示できます。フォームが書くのはコマンドと同じ YAML ファイルです。\n'
                     'Ctrl-C で終了します。'),
                    ('section', '引数', (('action', 'FOLDER', True, '圏域を収めるフォルダ（既定: agreements/）', ()),)),
                    ('section',
                     'オプション',
                     (('action', '-h, --help', True, 'このヘルプを表示して終了します', ()),
                      ('action', '--output DIR, -o DIR', True, '作業画面が文書を書き出すフォルダ（既定: output/）', ()),
                      ('action', '--port N', True, '127.0.0.1 のポート（既定: 8390。0 は空いている任意のポート）', ()),
                      ('action', '--no-browser', True, 'アドレスを表示するだけで、ブラウザを開きません', ())))))}
