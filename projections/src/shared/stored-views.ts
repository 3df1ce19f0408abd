/**
 * Version of what the plan projection stores with each line for the full-knowledge view (plan_figures,
 * report_view, report_movements, report_steps), kept in the row's `views_version` column. Raise it when
 * what is stored, or how the plan reader and the reports derive it from a line, changes (in the domain's
 * folds too): rows of another version are folded from their state by the readers until the projection
 * writes them again (`renja-ledger projections rebuild` writes every row).
 */
export const STORED_VIEWS_VERSION = 1;
