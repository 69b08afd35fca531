"""Every string of the interview's own interface, in French and English.

Questions, help texts, findings and labels come from the rules base, already in the right
language; this file holds only the words of the app around them.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "app_title": "Alliance Advisor",
        # bindings (footer and command palette)
        "b_help": "Help", "b_lang": "FR", "b_review": "Review", "b_findings": "Findings",
        "b_export": "Export", "b_quit": "Quit", "b_prev": "Prev", "b_next": "Next",
        "b_risks": "Risks", "b_questions": "Questions", "b_sections": "Sections",
        "b_back": "Back", "b_add": "Add", "b_edit": "Edit", "b_remove": "Remove",
        "b_done": "Done", "b_close": "Close", "b_unknown_only": "Unanswered only",
        "b_to_verify": "± to verify", "b_open": "Open",
        # command palette
        "c_help": "Help: keys and how the interview works",
        "c_lang": "Switch the language to French (F2)",
        "lang_name": "Français",
        "c_review": "Review every answer, with a jump to edit",
        "c_findings": "Findings, the 12 challenges and the recommendations",
        "c_export": "Export the memo (PDF, Markdown, JSON)",
        "c_section": "Go to section: {title}",
        "c_palette": "Command palette: go to a section, change the theme...",
        # interview
        "question_n": "Question {n} of {total}",
        "entry_question_n": "{entry} · {n}/{total} · Esc: back to the list",
        "answered": "{answered} of {asked} answered",
        "no_questions": "No question to ask yet: the rules base holds no interview question.",
        "end_of_steps": "That was the last question. Review the answers (F3) or see the "
                        "findings (F4).",
        "empty_is_unknown": "Enter to confirm · leave empty (or ?) for “unknown”",
        "enter_to_confirm": "Enter to confirm (required)",
        "hint_choice": "↑↓ to move · Enter to choose",
        "hint_multi": "Space to tick · “unknown” clears the others · Enter/PgDn: next",
        "ph_eur": "amount in euros, e.g. 12 000",
        "ph_pct": "percentage, e.g. 25",
        "ph_number": "a number",
        "ph_date": "YYYY-MM-DD or DD/MM/YYYY",
        "ph_text": "free text",
        "unknown_button": "Unknown",
        "list_count": "{n} entries",
        "list_empty": "No entry yet.",
        "list_empty_hint": "No entry yet: press A (or the Add button) to add one.",
        "list_open": "Edit the list",
        "list_hint": "Enter: open the list editor (add, edit, remove)",
        "no_partners": "Add the partners first (section Partners): this answer is one of them.",
        "saved_in": "Saved in {path}",
        "new_case_at": "New case: answers are saved in {path}",
        "resumed": "Resumed where you stopped: {question}",
        "save_failed": "Could not save the case",
        "answer_not_stored": "Answer not stored",
        # risk panel
        "risks": "Risks",
        "flagged_n": "⚑ {n} flagged",
        "to_verify_n": "? {n} to verify",
        "no_findings": "No risk found with the answers so far.",
        "hidden_to_verify": "{n} to verify hidden (V to show)",
        "new_risk": "New risk: {title}",
        "flagged": "flagged", "to_verify": "to verify", "clear": "clear",
        "new": "new",
        # list editor
        "list_title": "{label}",
        "entries_col": "Entry", "answers_col": "Answered", "n_col": "#",
        "remove_q": "Remove “{entry}”?",
        "remove_yes": "Remove", "cancel": "Cancel",
        "cannot_remove": "Cannot remove this entry",
        "ask_partners_name": "What is the partner's name?",
        "help_partners_name": "The name shown in the memo and in every list that refers to this "
                              "partner (gifts, staff loans, subsidies...).",
        "ask_partners_role": "What does this partner bring to the alliance?",
        "help_partners_role": "Free text for the memo: its role, what it contributes.",
        "ask_vehicle_colleges_name": "What is this college called?",
        "help_vehicle_colleges_name": "The name of the voting college in the SCIC's statutes.",
        "ask_partner_ref": "{label}: which partner?",
        "help_partner_ref": "Choose among the partners of the alliance (add them in the "
                            "partners list first).",
        # review
        "review_title": "Review of the answers",
        "section_col": "Section", "question_col": "Question", "answer_col": "Answer",
        "review_hint": "Enter: edit this answer · U: unanswered only · Esc: back",
        # findings screen
        "findings_title": "Findings",
        "tab_findings": "Findings", "tab_challenges": "The 12 challenges",
        "tab_recommendations": "Recommendations",
        "findings_keys": "1 2 3: tabs · Enter: open · Esc: back",
        "framework_col": "Framework", "challenge_col": "Challenge", "status_col": "Status",
        "flagged_col": "Flagged", "to_verify_col": "To verify", "worst_col": "Worst",
        "no_recommendations": "No recommendation yet.",
        "why": "Why", "answers_findings": "Answers the findings",
        "references": "References", "clauses": "Clause checklist", "conflicts": "Conflicts",
        "conditions": "Conditions", "condition_col": "Condition", "state_col": "State",
        "unknown_facts_col": "Unknown facts",
        "met": "met", "missing": "missing", "unknown": "unknown",
        "present": "present", "possible": "possible",
        "qualifies": "Qualifies: {state}", "yes": "yes", "no": "no", "maybe": "maybe",
        "not_enacted": "Not in force: a proposal.",
        "basis": "Basis",
        # finding detail
        "explanation": "Explanation", "advice": "Advice", "evidence": "Evidence: the answers "
        "that triggered it", "unknowns": "Unknown answers that decide it",
        "remedies": "Remedies", "clear_by": "Answers that would clear it",
        "option_n": "Option {n}", "unverified": "unverified",
        "severity": "Severity", "likelihood": "Likelihood", "status": "Status",
        "jump_hint": "Enter on an answer: go to its question, to change or complete it.",
        "rule": "Rule {id} ({version}) · {source}",
        # export
        "export_title": "Export the memo",
        "export_path": "File name (without extension; each format adds its own)",
        "export_go": "Export", "exported": "Exported: {files}",
        "cover_name": "Alliance", "cover_adviser": "Adviser", "cover_client": "Client",
        "export_failed": "Export failed",
        "export_failed_fmt": "{fmt}: {error}",
        "export_none": "Tick at least one format.",
        "journal_failed": "Assessment not journalled: {error}",
        # dialogs
        "error": "Error", "ok": "OK", "quit": "Quit",
        "broken_title": "This case file cannot be opened",
        "broken_body": "{error}\n\nThe file has not been changed and will not be overwritten. "
                       "Fix it in an editor (or restore a copy), then run the interview again.",
        "quit_q": "Quit without saving?",
        "quit_body": "{what}\n\nQuit anyway?",
        "pending_input": "The answer being typed has not been confirmed (Enter).",
        "unsaved_body": "The last answers could not be saved: {error}",
        "rules_error": "The rules base cannot be loaded",
        # help
        "help_title": "Help",
        "help_body": (
            "Alliance Advisor asks the questions of the technical framework of territorial "
            "alliances, one at a time, and shows the risks beside them as you answer.\n\n"
            "• Every answer is saved at once in the case file; quit any time and run "
            "`advisor interview CASE.yaml` again to resume where you stopped.\n"
            "• “Unknown” is always allowed: it shows as a finding “to verify”, never as “no”.\n"
            "• Lists (partners, gifts, staff loans...) open a list editor: add, edit, remove "
            "entries; editing an entry asks its own questions.\n"
            "• A finding opens a detail view: the explanation, the answers that triggered it, "
            "the legal references, the remedies and the answers that would clear it.\n"
            "• Ctrl+P opens the command palette (go to a section, change theme...)."),
        "keys": "Keys",
    },
    "fr": {
        "app_title": "Alliance Advisor",
        "b_help": "Aide", "b_lang": "EN", "b_review": "Relecture", "b_findings": "Risques",
        "b_export": "Exporter", "b_quit": "Quitter", "b_prev": "Préc.",
        "b_next": "Suiv.", "b_risks": "Risques", "b_questions": "Questions",
        "b_sections": "Sections", "b_back": "Retour", "b_add": "Ajouter",
        "b_edit": "Modifier", "b_remove": "Supprimer", "b_done": "Terminé",
        "b_close": "Fermer", "b_unknown_only": "Sans réponse",
        "b_to_verify": "± à vérifier", "b_open": "Ouvrir",
        "c_help": "Aide : touches et fonctionnement de l'entretien",
        "c_lang": "Passer l'interface en anglais (F2)",
        "lang_name": "English",
        "c_review": "Relire toutes les réponses, avec accès direct pour modifier",
        "c_findings": "Risques, les 12 défis et les recommandations",
        "c_export": "Exporter la note (PDF, Markdown, JSON)",
        "c_section": "Aller à la section : {title}",
        "c_palette": "Palette de commandes : aller à une section, changer de thème...",
        "question_n": "Question {n} sur {total}",
        "entry_question_n": "{entry} · {n}/{total} · Échap : retour à la liste",
        "answered": "{answered} réponses sur {asked}",
        "no_questions": "Aucune question à poser : la base de règles ne contient pas encore "
                        "de question d'entretien.",
        "end_of_steps": "C'était la dernière question. Relisez les réponses (F3) ou voyez "
                        "les risques (F4).",
        "empty_is_unknown": "Entrée pour valider · vide (ou ?) pour « inconnu »",
        "enter_to_confirm": "Entrée pour valider (obligatoire)",
        "hint_choice": "↑↓ pour choisir · Entrée pour valider",
        "hint_multi": "Espace pour cocher · « inconnu » décoche le reste · Entrée/PgSuiv : "
                      "suivante",
        "ph_eur": "montant en euros, p. ex. 12 000",
        "ph_pct": "pourcentage, p. ex. 25",
        "ph_number": "un nombre",
        "ph_date": "AAAA-MM-JJ ou JJ/MM/AAAA",
        "ph_text": "texte libre",
        "unknown_button": "Inconnu",
        "list_count": "{n} entrée(s)",
        "list_empty": "Aucune entrée pour l'instant.",
        "list_empty_hint": "Aucune entrée : appuyez sur A (ou le bouton Ajouter) pour en "
                           "ajouter une.",
        "list_open": "Modifier la liste",
        "list_hint": "Entrée : ouvrir l'éditeur de liste (ajouter, modifier, supprimer)",
        "no_partners": "Ajoutez d'abord les partenaires (section Partenaires) : la réponse "
                       "est l'un d'eux.",
        "saved_in": "Enregistré dans {path}",
        "new_case_at": "Nouveau dossier : les réponses sont enregistrées dans {path}",
        "resumed": "Reprise là où vous vous étiez arrêté : {question}",
        "save_failed": "Le dossier n'a pas pu être enregistré",
        "answer_not_stored": "Réponse non enregistrée",
        "risks": "Risques",
        "flagged_n": "⚑ {n} signalé(s)",
        "to_verify_n": "? {n} à vérifier",
        "no_findings": "Aucun risque relevé avec les réponses données.",
        "hidden_to_verify": "{n} à vérifier masqué(s) (V pour afficher)",
        "new_risk": "Nouveau risque : {title}",
        "flagged": "signalé", "to_verify": "à vérifier", "clear": "pas de risque",
        "new": "nouveau",
        "list_title": "{label}",
        "entries_col": "Entrée", "answers_col": "Réponses", "n_col": "n°",
        "remove_q": "Supprimer « {entry} » ?",
        "remove_yes": "Supprimer", "cancel": "Annuler",
        "cannot_remove": "Impossible de supprimer cette entrée",
        "ask_partners_name": "Quel est le nom du partenaire ?",
        "help_partners_name": "Le nom qui figure dans la note et dans chaque liste qui renvoie "
                              "à ce partenaire (dons, mises à disposition, subventions...).",
        "ask_partners_role": "Qu'apporte ce partenaire à l'alliance ?",
        "help_partners_role": "Texte libre pour la note : son rôle, ses apports.",
        "ask_vehicle_colleges_name": "Comment s'appelle ce collège ?",
        "help_vehicle_colleges_name": "Le nom du collège de vote dans les statuts de la SCIC.",
        "ask_partner_ref": "{label} : quel partenaire ?",
        "help_partner_ref": "Choisissez parmi les partenaires de l'alliance (ajoutez-les "
                            "d'abord dans la liste des partenaires).",
        "review_title": "Relecture des réponses",
        "section_col": "Section", "question_col": "Question", "answer_col": "Réponse",
        "review_hint": "Entrée : modifier cette réponse · U : sans réponse seulement · "
                       "Échap : retour",
        "findings_title": "Risques",
        "tab_findings": "Risques", "tab_challenges": "Les 12 défis",
        "tab_recommendations": "Recommandations",
        "findings_keys": "1 2 3 : onglets · Entrée : ouvrir · Échap : retour",
        "framework_col": "Cadre", "challenge_col": "Défi", "status_col": "État",
        "flagged_col": "Signalés", "to_verify_col": "À vérifier", "worst_col": "Le plus grave",
        "no_recommendations": "Aucune recommandation pour l'instant.",
        "why": "Pourquoi", "answers_findings": "Répond aux risques",
        "references": "Références", "clauses": "Clauses à prévoir", "conflicts": "Conflits",
        "conditions": "Conditions", "condition_col": "Condition", "state_col": "État",
        "unknown_facts_col": "Faits inconnus",
        "met": "remplie", "missing": "non remplie", "unknown": "inconnue",
        "present": "présent", "possible": "possible",
        "qualifies": "Éligible : {state}", "yes": "oui", "no": "non", "maybe": "peut-être",
        "not_enacted": "Pas en vigueur : une proposition.",
        "basis": "Fondement",
        "explanation": "Explication", "advice": "Conseil",
        "evidence": "Éléments : les réponses qui l'ont déclenché",
        "unknowns": "Réponses inconnues qui en décident",
        "remedies": "Remèdes", "clear_by": "Réponses qui le lèveraient",
        "option_n": "Option {n}", "unverified": "non vérifié",
        "severity": "Gravité", "likelihood": "Probabilité", "status": "État",
        "jump_hint": "Entrée sur une réponse : aller à sa question, pour la modifier ou la "
                     "compléter.",
        "rule": "Règle {id} ({version}) · {source}",
        "export_title": "Exporter la note",
        "export_path": "Nom du fichier (sans extension : chaque format ajoute la sienne)",
        "export_go": "Exporter", "exported": "Exporté : {files}",
        "cover_name": "Alliance", "cover_adviser": "Conseil", "cover_client": "Client",
        "export_failed": "L'export a échoué",
        "export_failed_fmt": "{fmt} : {error}",
        "export_none": "Cochez au moins un format.",
        "journal_failed": "Évaluation non journalisée : {error}",
        "error": "Erreur", "ok": "OK", "quit": "Quitter",
        "broken_title": "Ce dossier ne peut pas être ouvert",
        "broken_body": "{error}\n\nLe fichier n'a pas été modifié et ne sera pas écrasé. "
                       "Corrigez-le dans un éditeur (ou restaurez une copie), puis relancez "
                       "l'entretien.",
        "quit_q": "Quitter sans enregistrer ?",
        "quit_body": "{what}\n\nQuitter quand même ?",
        "pending_input": "La réponse en cours de saisie n'a pas été validée (Entrée).",
        "unsaved_body": "Les dernières réponses n'ont pas pu être enregistrées : {error}",
        "rules_error": "La base de règles ne peut pas être chargée",
        "help_title": "Aide",
        "help_body": (
            "Alliance Advisor pose les questions du cadre technique des alliances "
            "territoriales, une à une, et affiche les risques à côté, au fil des réponses.\n\n"
            "• Chaque réponse est enregistrée aussitôt dans le dossier ; quittez quand vous "
            "voulez et relancez `advisor interview DOSSIER.yaml` pour reprendre là où vous "
            "vous étiez arrêté.\n"
            "• « Inconnu » est toujours possible : la réponse apparaît comme un risque « à "
            "vérifier », jamais comme un « non ».\n"
            "• Les listes (partenaires, dons, mises à disposition...) ouvrent un éditeur : "
            "ajouter, modifier, supprimer ; modifier une entrée pose ses propres questions.\n"
            "• Un risque s'ouvre sur le détail : explication, réponses qui l'ont déclenché, "
            "références juridiques, remèdes et réponses qui le lèveraient.\n"
            "• Ctrl+P ouvre la palette de commandes (aller à une section, changer de thème...)."),
        "keys": "Touches",
    },
}


def t(lang: str, key: str, **values: object) -> str:
    """The string ``key`` in ``lang`` (English when missing), with ``{name}`` filled."""
    table = STRINGS.get(lang, STRINGS["en"])
    text = table.get(key) or STRINGS["en"][key]
    return text.format(**values) if values else text


def other(lang: str) -> str:
    return "en" if lang == "fr" else "fr"
