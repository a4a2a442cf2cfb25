"""What kind of Markdown file this is, read the way a reviewer reads it.

Three kinds (:func:`kind_of`):

1. **a report**: a heading is a template's title (``## Task Completion Report: BE-001 - X``),
   or is written the way agents title their reports — a task id and the words of a report
   kind (``BE-009 Completion Evidence: Dashboard``, ``Task B10: Auth tests - Completion
   Summary``): :func:`agent_title` reads those;
2. **report-like**: no such title, but it reads as an agent's task report: a status field
   with a report status, the words of a report kind in its first heading, a task id, the
   sections reports have (*Files Changed*, *Next Steps*, *Test Results* ...);
3. **not a report**: README, CHANGELOG, design docs. reportlint says nothing about them.

The words are English plus the languages the real corpus shows (Indonesian, Korean); a
template can add its own with ``x-reportlint.status-vocabulary``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from reportlint import lazyre

if TYPE_CHECKING:
    from reportlint.nodes import Field, Report

# Report kinds, as the built-in templates name them in `x-reportlint.kind`.
COMPLETION, PROGRESS, ACKNOWLEDGEMENT = "completion", "progress", "acknowledgement"

_I = re.IGNORECASE
# The words of a report kind in a title, strongest first: a phrase names the kind outright;
# a word alone only leans (`summary`, `status`, `update`, `plan`).
_STRONG: tuple[tuple[str, re.Pattern[str]], ...] = (
    (COMPLETION, lazyre.compile(
        r"\bcompletion\s+(?:report|summary|evidence|memo|notes?|status)\b"
        r"|\b(?:tasks?|session|work|phase|implementation|sprint)\s+(?:is\s+)?complete[d]?\b"
        r"|\bcomplete[d]?\s+(?:report|summary)\b|\bimplementation\s+(?:result|summary)s?\b"
        r"|\bhand[- ]?over\b|\bhand[- ]?off\b|\bfinal\s+(?:report|summary)\b"
        r"|\bwork\s+summary\b|\bresults?\s+summary\b|\btask\s+complete\b"
        r"|\bsign[- ]?off\b|\bsession\s+(?:wrap[- ]?up|summary|report|handoff|recap)\b"
        r"|\bwrap[- ]?up\b|\b(?:qa|validation|verification)\s+report\b|\bfinish(?:ed)?\s+report\b"
        # es, fr, pt, de, it, nl, id, tr; ja, zh (no word boundaries there)
        r"|\binforme\s+(?:de\s+)?(?:finalizaci[oó]n|cierre)\b|\brapport\s+de\s+fin\b"
        r"|\brapport\s+d['’]ach[eè]vement\b|\brelat[oó]rio\s+(?:de\s+)?(?:conclus[aã]o|final)\b"
        r"|\babschlussbericht\b|\bübergabe\b|\brapporto\s+(?:di\s+)?(?:completamento|finale)\b"
        r"|\bopleverings?rapport\b|\blaporan\s+(?:penyelesaian|akhir)\b"
        r"|\btamamlama\s+raporu\b|\bg[öo]rev\s+tamamland[ıi]\b|\btarefa\s+conclu[ií]da\b"
        r"|\btarea\s+(?:completada|terminada|finalizada)\b|\bt[âa]che\s+termin[ée]e\b"
        r"|\baufgabe\s+(?:erledigt|abgeschlossen)\b|\bpassaggio\s+di\s+consegne\b"
        r"|\boverdracht\b|\bpassation\b"
        r"|완료\s*보고서?|작업\s*완료|완료\s*요약|인수인계|验收报告|驗收報告|任务完成|任務完成"
        r"|作業完了|タスク完了|完了しました"
        r"|完了報告|完成报告|完成報告|引き継ぎ|交接", _I)),
    (ACKNOWLEDGEMENT, lazyre.compile(
        r"\backnowledg(?:ed|e?ments?)\b|\back\b"
        r"|\btarea\s+recibida\b|\bacuse\s+de\s+recibo\b|\baccus[eé]\s+de\s+r[eé]ception\b"
        r"|\btarefa\s+recebida\b|\baufgabe\s+(?:erhalten|bestätigt|übernommen)\b"
        r"|\btugas\s+diterima\b|\bincarico\s+ricevuto\b|\bopdracht\s+ontvangen\b"
        r"|\bgörev\s+alındı\b|受領|受理|已确认|已接收", _I)),
    (PROGRESS, lazyre.compile(
        r"\bprogress\s+(?:update|report)\b|\bstatus\s+(?:update|report)\b"
        r"|\b(?:implementation|development|project|task)\s+status\b"
        r"|\binforme\s+de\s+(?:progreso|avance)\b|\brapport\s+d['’]avancement\b"
        r"|\brelat[oó]rio\s+de\s+progresso\b|\b(?:fortschritts|status|zwischen)bericht\b"
        r"|\brapporto\s+(?:di\s+)?avanzamento\b|\bvoortgangs(?:rapport|verslag)\b"
        r"|\blaporan\s+(?:progres|kemajuan)\b|\bilerleme\s+raporu\b|\bo[uù]\s+j['’]en\s+suis\b"
        r"|\bstand\s+van\s+zaken\b|\bstato\s+di\s+avanzamento\b|진행\s*(?:상황\s*)?보고"
        r"|現在の状況|進捗状況|当前进度|进展报告"
        r"|進捗報告|进度报告|進度報告", _I)),
)
_WEAK: tuple[tuple[str, re.Pattern[str]], ...] = (
    (COMPLETION, lazyre.compile(r"\b(?:summary|completion|completed?|evidence|results?|"
                            r"delivered|selesai|완료|finalizaci[oó]n|conclus[aã]o|"
                            r"abschluss|completamento|resumen|résumé|riepilogo)\b|完了|完成", _I)),
    (PROGRESS, lazyre.compile(r"\b(?:progress|status|update|interim|checkpoint|alert|blocked|"
                          r"engellendi|bloqueado|bloqu[ée]|blockiert|bloccato|geblokkeerd|"
                          r"progreso|avance|avancement|progresso|fortschritt|progres|"
                          r"kemajuan|voortgang|ilerleme)\b|進捗|进度|進度", _I)),
    (ACKNOWLEDGEMENT, lazyre.compile(r"\b(?:plan|received|accepted|recibida|recibido|reçue?|"
                                 r"recebida|recebido|ricevuto|diterima)\b", _I)),
)

# Task ids: `BE-009`, `RTP-ORG-001`, `SCRUM-301`; after the word Task(s): `B10`, `28.4`.
_TASK_ID = lazyre.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+(?![\w-])")
_AFTER_TASK = lazyre.compile(r"\btasks?\s+#?(?P<id>[A-Z]{0,4}\d+(?:\.\d+)*[a-z]?)\b", _I)
_SEPARATOR = lazyre.compile(r"\s+[-\u2013\u2014|]\s+|:\s+|：\s*")
_EMOJI = "[\u2190-\u2bff\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d]"
# Decoration agents put at the end of a title: emoji, a status (`✅ COMPLETE`, `(DONE)`).
_DECORATION = lazyre.compile(
    rf"(?:\s*(?:[-\u2013\u2014:|]\s*)?(?:{_EMOJI}\s*)*"
    rf"(?:[\(\[]?\s*\b(?:complete[d]?|done|finished|wip)\b\s*[\)\]]?\s*)?(?:{_EMOJI}\s*)*)$", _I)
_ID_LIKE = lazyre.compile(
    r"^#?(?:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d+|[A-Z]{0,4}\d+(?:\.\d+)*[a-z]?)$")
_FILLER = frozenset({"for", "of", "on", "the", "a", "an", "issue", "task", "tasks", "ticket",
                     "report", "and", "to", "-"})

# A report's own status, in the spellings agents use (any case, emoji aside).
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    COMPLETION: ("completed", "complete", "done", "finished", "delivered", "resolved",
                 "ready for review", "ready for deployment", "ready to merge", "all green",
                 "selesai", "sudah selesai", "완료",
                 # es, pt, fr, de, it, nl, tr, ja, zh: the spellings of the real corpus's
                 # languages and of the ones agents are asked to write in
                 "completado", "completada", "terminado", "terminada", "finalizado",
                 "finalizada", "concluído", "concluída", "concluido", "terminé", "terminée",
                 "achevé", "abgeschlossen", "erledigt", "fertig", "completato", "completata",
                 "terminato", "voltooid", "afgerond", "tamamlandı", "完了", "已完成", "完成",
                 "bereit für review", "bereit für das review", "listo para revisión",
                 "lista para revisión", "prêt pour revue", "prêt pour la revue",
                 "pronto para revisão", "pronta para revisão", "pronto per la revisione",
                 "klaar voor review"),
    PROGRESS: ("in progress", "in-progress", "in_progress", "ongoing", "wip", "running",
               "blocked", "awaiting", "waiting", "pending", "needs clarification", "on hold",
               "not started", "started", "partial", "paused", "sedang berjalan",
               "sedang dikerjakan", "dalam proses", "진행 중", "진행중",
               "en curso", "en progreso", "em andamento", "em progresso", "en cours",
               "in bearbeitung", "in arbeit", "teilweise", "in corso", "bezig",
               "devam ediyor", "bloqueado", "bloqué", "blockiert", "bloccato",
               "geblokkeerd", "進行中", "进行中", "対応中", "作業中"),
    ACKNOWLEDGEMENT: ("acknowledged", "ready to execute", "ready to start", "diterima", "확인",
                      "recibido", "recibida", "reçu", "recebido", "erhalten", "ricevuto",
                      "ontvangen", "受領", "已确认"),
}
_STATUS = {kind: lazyre.compile(r"^[\W_]*(?:" + "|".join(re.escape(w) for w in words) + r")\b", _I)
           for kind, words in STATUS_WORDS.items()}
# The words that mean each status the built-in templates allow, in the spellings and
# languages agents write them; a template adds its own (`x-reportlint.status-vocabulary`).
STATUS_SYNONYMS: dict[str, tuple[str, ...]] = {
    "COMPLETED": ("completed", "complete", "done", "finished", "selesai", "sudah selesai",
                  "완료", "terminé", "terminée", "abgeschlossen", "erledigt", "fertig",
                  "completado", "completada", "terminado", "finalizado", "concluído",
                  "concluída", "completato", "voltooid", "afgerond", "tamamlandı", "完了",
                  "已完成"),
    "IN PROGRESS": ("in progress", "in-progress", "in_progress", "inprogress", "ongoing", "wip",
                    "work in progress", "sedang berjalan", "dalam proses", "진행 중", "진행중",
                    "en cours", "in bearbeitung", "in arbeit", "en progreso", "en curso",
                    "em andamento", "in corso", "bezig", "devam ediyor", "進行中", "进行中",
                    "sedang dikerjakan"),
    "BLOCKED": ("blocked", "on hold", "stuck", "terblokir", "차단됨", "bloqué", "blockiert",
                "bloqueado", "bloccato", "geblokkeerd"),
    "NEEDS CLARIFICATION": ("needs clarification", "clarification needed",
                            "awaiting clarification", "need clarification"),
}


def _words(text: str) -> str:
    """A status with emoji, markup and case set aside: ``✅ **Done**`` -> ``done``."""
    kept = "".join(c if c.isalnum() or c in "-_" else " " for c in text)
    return " ".join(kept.casefold().replace("_", " ").split())


def vocabulary(own: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """Status -> the words that mean it: the built-in ones, then a template's own."""
    merged = {k: tuple(_words(w) for w in v) for k, v in STATUS_SYNONYMS.items()}
    for status, words in own.items():
        merged[status] = (*merged.get(status, ()), *(_words(w) for w in words))
    return merged


def canonical_status(value: str, allowed: list[str],
                     words: dict[str, tuple[str, ...]]) -> str | None:
    """The status the template allows that ``value`` spells another way (``✅ Done`` ->
    ``COMPLETED``), when exactly one allowed status means it; else None."""
    said = _words(value)
    if _ALL_DONE.fullmatch(said):
        said = "completed"  # `ALL TASKS COMPLETE`: the whole report's work (not a phase's)
    matches = {status for status in allowed
               if said == _words(status) or said in words.get(status, ())}
    return matches.pop() if len(matches) == 1 else None


_ALL_DONE = lazyre.compile(r"all (?:tasks?|work|items?|deliverables) (?:(?:is|are) )?"
                       r"(?:complete[d]?|done|finished)")


# What makes a completion status own up to what is not done.
_QUALIFIED = lazyre.compile(
    r"\bwith\s+(?:some\s+|known\s+|open\s+|\d+\s+)*(?:failures?|failing|issues?|caveats?|"
    r"exceptions?|errors?|gaps?|defects?|bugs?)\b|\bexcept\b|\bpartial(?:ly)?\b|\bmostly\b"
    r"|\bnot\s+(?:all|fully|yet)\b|\bbut\b|\bminus\b", _I)
_PART_DONE = lazyre.compile(
    r"^[\W_]*(?:all\s+(?:tasks?|work|items?|deliverables)|(?:phase|milestone|sprint|stage)\s+"
    r"(?P<part>\w+(?:\.\w+)?))\s+(?:(?:is|are)\s+)?(?:complete[d]?|done|finished)\b", _I)


def claims_completion(value: str, title: str) -> bool:
    """Whether a report's **Status** says the report's work is done: `COMPLETED`, `✅ Done`,
    `Ready for review`, `ALL TASKS COMPLETE`, and `Phase 4 COMPLETE` when the report is
    about phase 4 (`Phase 1 COMPLETE` on a task of six phases is a claim about a phase)."""
    if status_kind(value) == COMPLETION:
        # `Done with known failures`, `Complete except the export`: the status owns up.
        return _QUALIFIED.search(value) is None
    part = _PART_DONE.search(value)
    if part is None:
        return False
    named = part.group("part")
    return named is None or re.search(
        rf"\b(?:phase|milestone|sprint|stage)\s+{re.escape(named)}\b", title, _I) is not None


# Headings of the sections agents' reports have and other documents rarely do.
_REPORT_SECTIONS = lazyre.compile(
    r"^(?:files?[- ](?:changed|created|modified|added|touched)|changes?[- ]made|"
    r"test[- ](?:results?|coverage|evidence|summary)|next[- ](?:steps?|actions?|work)|"
    r"blockers?|known[- ]issues?|acceptance[- ]criteria|deliverables?|"
    r"(?:completed|finished)[- ](?:items?|tasks?|work|components?)|"
    r"what[- ](?:was|has[- ]been|i)[- ]\w+|what[- ]this[- ]session[- ]\w+|"
    r"questions?[- ]for|quality[- ]gates?|implementation[- ](?:summary|details|overview)|"
    r"summary[- ]of[- ]work|work[- ]completed|verification|remaining[- ]work|"
    r"(?:open|resolved|remaining)[- ]issues|"
    r"current[- ]status|executive[- ]summary|tasks[- ]completed|issues[- ]found|"
    r"deployment|technical[- ]decisions|open[- ]items"
    # The same sections in the other languages agents write reports in (keys, lowered).
    r"|volgende-stappen|pr[óo]ximos-pasos|prochaines-[ée]tapes|n[äa]chste-schritte|"
    r"pr[óo]ximos-passos|prossimi-passi|sonraki-ad[ıi]mlar|langkah-selanjutnya|下一步|"
    r"次のステップ|今後の|다음-단계|"
    r"blokkades|bloqueos|blocages|blockaden|bloqueios|blocchi|engeller|hambatan|阻塞|"
    r"ブロッカー|블로커|"
    r"testresultaten|resultados-de-(?:las-)?pruebas|r[ée]sultats-des-tests|testergebnisse|"
    r"resultados-dos-testes|risultati-dei-test|test-sonu[çc]lar[ıi]|hasil-(?:pengujian|tes)|"
    r"测试结果|測試結果|テスト結果|테스트-결과|"
    r"acceptatiecriteria|criterios-de-aceptaci[óo]n|crit[èe]res-d-acceptation|"
    r"akzeptanzkriterien|crit[ée]rios-de-aceita[çc][ãa]o|criteri-di-accettazione|"
    r"kabul-kriterleri|kriteria-penerimaan|验收标准|受け入れ基準|인수-기준|"
    r"gewijzigde-bestanden|archivos-modificados|fichiers-modifi[ée]s|ge[äa]nderte-dateien|"
    r"arquivos-alterados|file-modificati|de[ğg]i[şs]en-dosyalar|变更文件|変更ファイル|변경-파일|"
    r"wat-is-er-gedaan|lo-que-hice|ce-que-j-ai-fait|was-ich-gemacht-habe|o-que-foi-feito|"
    r"cosa-ho-fatto|ne-yapt[ıi]m|完了したこと|已完成|작업-내용|"
    r"known-limitations|open-questions|questions-for-(?:the-)?(?:pm|humans?|reviewer))", _I)


class AgentTitle(NamedTuple):
    """A heading written as agents title their reports."""

    kind: str
    task_id: str
    task_name: str


def task_id(text: str) -> str | None:
    """The task id a heading names, if any."""
    found = _TASK_ID.search(text)
    if found is not None:
        return found.group()
    after = _AFTER_TASK.search(text)
    return after.group("id") if after is not None else None


def title_kind(text: str, strong_only: bool = False) -> str | None:
    """The report kind a title's words name: a phrase (`Completion Summary`) outright, else
    (unless ``strong_only``) a word that leans (`Summary`)."""
    for kind, pattern in _STRONG:
        if pattern.search(text):
            return kind
    if strong_only:
        return None
    for kind, pattern in _WEAK:
        if pattern.search(text):
            return kind
    return None


def status_kind(value: str) -> str | None:
    """The report kind a status value says: `✅ COMPLETE` a completion, `RUNNING` progress."""
    for kind, pattern in _STATUS.items():
        if pattern.search(value):
            return kind
    return None


def agent_title(heading: str) -> AgentTitle | None:
    """``BE-009 Completion Evidence: Dashboard`` -> completion, ``BE-009``, ``Dashboard``: a
    heading with a task id and the words of a report kind; else None."""
    found = task_id(heading)
    kind = title_kind(heading, strong_only=True) if found else None
    if found is None or kind is None:
        return None
    return AgentTitle(kind, found, task_name(heading, found))


def task_name(heading: str, task: str) -> str:
    """What is left of a title once its task ids, its kind's words and its decoration are
    taken out: ``Task B8 - Auth Endpoints - Completion Summary`` -> ``Auth Endpoints``."""
    text = _DECORATION.sub("", heading.strip()) or heading.strip()
    kept = []
    for part in _SEPARATOR.split(text):
        named = title_kind(part, strong_only=True) is not None
        if named and task not in part:
            continue  # `Completion Summary`, `Development Status & Continuity Guide`
        words = part
        for _, pattern in _STRONG:
            words = pattern.sub(" ", words)
        tokens = [t for t in re.split(r"[\s,]+", words) if t and not _ID_LIKE.match(t)]
        while tokens and tokens[0].lower() in _FILLER:
            tokens.pop(0)
        while tokens and tokens[-1].lower() in _FILLER:
            tokens.pop()
        if tokens:
            kept.append(" ".join(tokens))
    return " - ".join(kept)


# A first heading with one of these words names a document about reports, not a report.
_DOCUMENT_WORDS = lazyre.compile(
    r"\b(?:guide|how[- ]?to|tutorial|templates?|checklist|policy|glossary|faq|readme|"
    r"changelog|change\s+log|roadmap|spec(?:ification)?|rfc|adr|design|proposal|runbook|"
    r"playbook|manual|reference|documentation|release\s+notes|meeting|minutes|retro"
    r"(?:spective)?|postmortem|post-mortem|planning|agenda|instructions)\b", _I)
# Ids of documents, not of tasks.
_DOCUMENT_IDS = frozenset({"ADR", "RFC", "PEP", "KEP", "CVE", "ISO", "UTF", "SHA", "HTTP",
                           "TLS", "GPL", "LGPL", "MIT", "BSD", "IEEE", "ECMA", "WCAG", "RFD"})
# The fields that hold a report's status, in the languages seen: `Status`, `상태` ...
STATUS_KEYS = ("status", "상태", "estado", "statut", "stato", "overall-status",
               "final-status", "task-status", "current-status", "durum", "状态", "狀態",
               "ステータス", "状態", "situação", "situación", "outcome")
_STATUS_KEYS = STATUS_KEYS
# Who wrote it: an agent, by the words agents and their tools sign with.
_AGENT = lazyre.compile(r"\b(?:agent[ei]?n?|droid|claude|gpt-?\d*|copilot|jules|kiro|devin|codex|"
                        r"gemini|cursor|aider|windsurf|cline|ai\s+assistant|llm)\b", _I)
_BYLINE_KEYS = frozenset({"from", "author", "authors", "prepared-by", "generated-by", "agent",
                          "submitted-by", "written-by", "report-generated-by", "by", "reporter",
                          "assignee", "owner", "signature", "tested-by", "reviewed-by",
                          "implemented-by", "executed-by", "worked-by", "von", "autor",
                          "tester", "tested", "verified-by", "qa", "reviewer",
                          "auteur", "autore", "dikerjakan-oleh", "oleh", "dari", "de", "par",
                          "por", "da", "van", "担当", "作成者"})
# A message's header: who from and who to (`**From**`/`**To**`, `**Von**`/`**An**` ...).
_FROM_KEYS = frozenset({"from", "von", "de", "dari", "da", "van", "差出人"})
_TO_KEYS = frozenset({"to", "an", "para", "a", "à", "kepada", "aan", "宛先"})
# Fields that name the task a file is about (`Task: OPS-118 ...`, `**Ticket**: BE-014`).
_TASK_KEYS = frozenset({"task", "task-id", "tasks", "ticket", "issue", "story", "tarea", "tâche",
                        "tache", "tarefa", "aufgabe", "tugas", "compito", "taak", "görev",
                        "タスク", "任务", "change-ticket", "jira", "work-item"})
# Fields that give a run's results: `Tests: 40 passed`, `**Build**: passing`.
_CHECK_KEYS = lazyre.compile(r"^(?:tests?|test-results?|testing|build|ci|checks?|lint(?:ing)?|"
                             r"coverage|tests-run|quality-gates?)$")
_CHECK_RESULT = lazyre.compile(r"\b(?:pass(?:ed|es|ing)?|fail(?:ed|s|ing|ures?)?|green|red|"
                               r"clean|ok)\b|\d+\s*%|\b\d+\s*/\s*\d+\b", _I)


class Signals(NamedTuple):
    """What makes a file without a report title read as a report."""

    kind: str | None  # the report kind its title words or its status say
    status: bool  # a report-level status field with a report's status
    title: bool  # the first heading names a report kind (and no kind of document)
    task: bool  # a task id in the first heading or in a Task ID field
    agent: bool  # an agent signs it, or is named in a field of its header or footer
    memo: bool  # a message's header: both **From** and **To**
    sections: int  # sections of the kinds reports have
    strong: bool = False  # the first heading names a report kind outright (`Task Complete`)
    checks: bool = False  # a field gives a run's results (`Tests: 40 passed`)
    # a pull request's description: `PR #482: ...` over two of What, Why, Testing, CI...
    pull_request: bool = False

    @property
    def report_like(self) -> bool:
        return (self.pull_request
                or (self.status and (self.title or self.task or self.agent or self.checks
                                     or self.sections >= 1))
                or (self.title and (self.task or self.memo or self.sections >= 2))
                or (self.strong and self.sections >= 1)
                or (self.agent and (self.title or self.memo or self.sections >= 1)))


def signals(report: Report, keys: Iterable[str]) -> Signals:
    """The signals of a whole file read as one report (``report``, titled by its first
    heading; ``keys``: its section keys)."""
    title = report["title"]["text"]
    fields = report["fields"]
    document = _DOCUMENT_WORDS.search(title) is not None
    status_field = next((fields[k] for k in _STATUS_KEYS if k in fields), None)
    said = status_kind(status_field["value"]) if status_field is not None else None
    if said is None and _verdict(report) is not None:
        said = COMPLETION  # `**QA verdict:** APPROVED`: the work is signed off
    worded = None if document else title_kind(title)
    found_id = task_id(title)
    strong = None if document else title_kind(title, strong_only=True)
    decorated = _DONE_DECORATION.search(title) is not None
    has_task = (_a_task(found_id) or "task-id" in fields
                or any(_a_task(task_id(fields[k]["value"])) for k in _TASK_KEYS if k in fields)
                or ((strong is not None or (decorated and not document))
                    and any(_a_task(task_id(p["text"])) for p in report["paragraphs"][:3])))
    if said is None and decorated and (found_id is not None or has_task):
        # `FE-133 — Form components (Completed)`, or `Pipeline migration — done` over a
        # paragraph naming DEVOPS-77: the title says the task's status
        said = COMPLETION
    if worded is None and said is not None and decorated and not document:
        # `Done — typing pass on billing/` over `Status: complete`: a title that says the
        # work's status, as the status does, titles a report.
        worded = said
    agent = any(_AGENT.search(key) or (key in _BYLINE_KEYS and _AGENT.search(field["value"]))
                for key, field in fields.items())
    sections = sum(1 for key in keys if _REPORT_SECTIONS.match(key))
    checks = any(_CHECK_KEYS.match(key) and _CHECK_RESULT.search(field["value"])
                 for key, field in fields.items())
    keys = list(keys)
    pull_request = not document and _PR_TITLE.match(title) is not None and sum(
        1 for key in keys if key.startswith(_PR_SECTIONS)) >= 2
    return Signals(strong or said or worded or (COMPLETION if pull_request else None),
                   said is not None, worded is not None, has_task, agent,
                   not _FROM_KEYS.isdisjoint(fields) and not _TO_KEYS.isdisjoint(fields),
                   sections, strong is not None, checks, pull_request)


# A pull request's description as agents write one into the repository: its title, and the
# sections such a description has (a PR template has placeholders instead, and no title).
_PR_TITLE = lazyre.compile(
    r"^\W*(?:PR\s*#\s?\d+\s*[:\u2013\u2014-]|PR\s*:|pull\s+request\s+#\s?\d+\s*[:\u2013\u2014-])"
    r"\s*\w")
_PR_SECTIONS = ("summary", "what", "why", "changes", "testing", "test-plan", "tests", "ci",
                "checks", "rollout", "files-changed", "how-to-test", "risk", "screenshots")


def _a_task(found: str | None) -> bool:
    """Whether an id found in a heading or field is a task's (not `ADR-012`, `RFC-9110`)."""
    return found is not None and found.split("-", 1)[0].upper() not in _DOCUMENT_IDS


# A title that ends or starts with its status: `(Completed)`, `✅ DONE`, `DONE — FE-088 ...`.
_DONE_DECORATION = lazyre.compile(
    rf"(?:[\(\[]\s*|[-\u2013\u2014:|]\s*|{_EMOJI}\s*)\b(?:complete[d]?|done|finished)\b\s*[\)\]]?"
    rf"(?:\s*{_EMOJI})*\s*$|\b(?:complete[d]?|done|finished)\s*(?:{_EMOJI}\s*)+$"
    rf"|^(?:{_EMOJI}\s*)*\[?(?:complete[d]?|done|finished)\]?\s*[-\u2013\u2014:|]", _I)


# Reports no template is for: about a whole project rather than a task, or listing issues.
_PROJECT = lazyre.compile(r"\b(?:project|platform|product|portfolio|programme|program)\b", _I)
_ISSUE_REPORT = lazyre.compile(r"\b(?:issues?|bugs?|incidents?|errors?|gaps?|defects?)\s+"
                           r"(?:report|log|list|register)\b", _I)


def unfit(report: Report) -> str | None:
    """What a file without a report title reads as when no template is for it, or None: an
    issue report (`BA Issue Report: Known Issues, Errors, and Gaps`), or the progress report
    of a whole project (`Webrana Cloud - Project Progress Report`: no task id anywhere;
    the templates are for one task's reports). ``report``: the whole file read as one."""
    title = report["title"]["text"]
    if _ISSUE_REPORT.search(title):
        return "an issue report"
    if (_PROJECT.search(title) and title_kind(title) in (PROGRESS, None)
            and task_id(title) is None and "task-id" not in report["fields"]):
        return "a project's progress report"
    return None


def finished(report: Report) -> list[tuple[str, str, int]]:
    """A report's claims of being finished, ``(kind, words, line)``: its **Status** when it
    says the work is done (``status``), or, with no **Status**, a title that ends or starts
    with its status (`✅ DONE — FE-088 Onboarding widget`); and **Ready for Review**: Yes
    (``ready``)."""
    fields = report["fields"]
    found: list[tuple[str, str, int]] = []
    status = next((fields[k] for k in STATUS_KEYS if k in fields), None)
    title = report["title"]
    if status is not None:
        if claims_completion(status["value"], title["text"]):
            found.append(("status", f"**{status['name']}**: {status['value']}", status["line"]))
    elif title["text"] and _DONE_DECORATION.search(title["text"]) \
            and _QUALIFIED.search(title["text"]) is None:
        found.append(("status", f"the title `{title['text']}`", title["line"]))
    ready = next((fields[k] for k in _READY_KEYS if k in fields), None)
    if ready is not None and _YES.match(ready["value"]):
        found.append(("ready", f"**{ready['name']}**: {ready['value']}", ready["line"]))
    verdict = _verdict(report)
    if verdict is not None:
        found.append(("ready", f"**{verdict['name']}**: {verdict['value']}", verdict["line"]))
    return found


_YES = lazyre.compile(r"^(?:✅\s*)?yes\b", _I)
# The templates' readiness fields (the QA template's is **Ready for Release**) and their kin.
_READY_KEYS = ("ready-for-review", "ready-for-release", "ready-for-deployment", "ready-to-merge",
               "ready-for-qa")
# A QA verdict, sign-off or review result: what approving the work is written under (a
# plain **Status**: Approved is left alone: PRDs and design documents are approved too).
_VERDICT_KEYS = ("qa-verdict", "verdict", "qa-status", "qa-result", "qa-sign-off", "sign-off",
                 "review-verdict", "review-result", "qa-decision")
_APPROVED = lazyre.compile(r"^\W*(?:approved|passed|signed\s+off|accepted|go)\b(?!\s+with\b)",
                           _I)


def _verdict(report: Report) -> Field | None:
    """The field that approves the work (`**QA verdict:** APPROVED ✅`), if one does."""
    fields = report["fields"]
    return next((fields[k] for k in _VERDICT_KEYS
                 if k in fields and _APPROVED.match(fields[k]["value"])), None)


# The Required Task Fields of the product manager's assignments (seed "Task Reception
# Protocol"), besides its PRD Reference.
_ASSIGNMENT_KEYS = frozenset({"acceptance-criteria", "estimate", "priority", "dependencies",
                              "task-id", "task-name", "description", "akzeptanzkriterien",
                              "criterios-de-aceptación", "critères-d-acceptation",
                              "critérios-de-aceitação", "schätzung", "estimación",
                              "priorität", "prioridad", "priorité", "abhängigkeiten",
                              "dependencias", "dépendances"})


def assigned(report: Report) -> bool:
    """Whether a file without a report title (``report``: the whole file read as one) is a
    product manager's task assignment: a **PRD Reference** and two more of the Required Task
    Fields, a task id, and no status (a worker's report has one)."""
    fields = report["fields"]
    if "prd-reference" not in fields or any(k in fields for k in STATUS_KEYS):
        return False
    if len(_ASSIGNMENT_KEYS.intersection(fields)) < 2:
        return False
    return _a_task(task_id(report["title"]["text"])) or any(
        _a_task(task_id(fields[k]["value"])) for k in _TASK_KEYS if k in fields) or any(
        _a_task(task_id(p["text"])) for p in report["paragraphs"][:3])
