#!/usr/bin/env bash
# Print check of every report, as a person would print it (docs/reports.md, "Printing").
#
# Needs a running Renja Ledger with the built-in sample, LibreOffice (soffice) and poppler (pdfinfo,
# pdftoppm): Debian's `libreoffice-calc` and `poppler-utils`. Not part of `npm test` (CI has neither).
#
#   API=http://localhost:3000/api/v1 TOKEN="$(cat .renja-ledger/admin-token)" scripts/check-print.sh [outdir]
#
# For each report it downloads the PDF (A4 and F4) and the XLSX (A4), converts the XLSX to PDF with
# `soffice --headless --convert-to pdf` and prints the page counts. It saves the first page of each
# report's A4 PDF as docs/papers/<report>.png (pdftoppm -r 50) for anyone to look at. It fails when
# the pagu trail of the DID line (2.17.07.1.01.0001, the sample's story) does not print on one page
# (the PDF; from the XLSX, one page a sheet), or a PDF is not landscape A4/F4.
set -euo pipefail

API="${API:-http://localhost:3000/api/v1}"
TOKEN="${TOKEN:?set TOKEN to an API token (e.g. the admin token in \$RENJA_DATA_DIR/admin-token)}"
OUT="${1:-$(mktemp -d)}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
PNG_DIR="${PNG_DIR:-$HERE/docs/papers}"
YEAR=2022
OFFICE=DKUKM
BASE="$API/years/$YEAR/offices/$OFFICE"
mkdir -p "$OUT" "$PNG_DIR"

# name|path (relative to BASE), query without format
REPORTS=(
  "pagu-trail-DID-line|lines/2.17.07.1.01.0001/reports/pagu-trail?"
  "pagu-trail-kegiatan|reports/pagu-trail?code=2.17.07.1.01&"
  "pagu-trail-program|reports/pagu-trail?code=2.17.07&"
  "pagu-trail-office|reports/pagu-trail?"
  "reconciliation|reports/reconciliation?"
  "absorption|reports/absorption?"
  "evaluation|reports/evaluation?"
  "evaluation-TW-III|reports/evaluation?validAt=2022-09-30&"
  "consistency|reports/consistency?"
  "plan|plan?"
  "change-log|changes?"
)

fetch() { # url file
  local status
  status=$(curl -sS -o "$2" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$1")
  [ "$status" = 200 ] || { echo "GET $1 answered $status: $(head -c 300 "$2")" >&2; exit 1; }
}
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
sheets() { python3 -c 'import sys, zipfile; print(sum(n.startswith("xl/worksheets/sheet") for n in zipfile.ZipFile(sys.argv[1]).namelist()))' "$1"; }
size() { pdfinfo "$1" | awk '/^Page size:/ {print $3 "x" $5}'; }

failed=0
printf '%-22s %8s %8s %8s %12s\n' report 'PDF A4' 'PDF F4' sheets 'XLSX→PDF A4'
for entry in "${REPORTS[@]}"; do
  name="${entry%%|*}"
  query="${entry#*|}"
  fetch "$BASE/${query}format=pdf&paper=a4" "$OUT/$name-a4.pdf"
  fetch "$BASE/${query}format=pdf&paper=f4" "$OUT/$name-f4.pdf"
  fetch "$BASE/${query}format=xlsx&paper=a4" "$OUT/$name.xlsx"
  soffice --headless --convert-to pdf --outdir "$OUT/xlsx-pdf" "$OUT/$name.xlsx" >/dev/null 2>&1
  a4=$(pages "$OUT/$name-a4.pdf")
  f4=$(pages "$OUT/$name-f4.pdf")
  xlsx=$(pages "$OUT/xlsx-pdf/$name.pdf")
  printf '%-22s %8s %8s %8s %12s\n' "$name" "$a4" "$f4" "$(sheets "$OUT/$name.xlsx")" "$xlsx"
  [ "$(size "$OUT/$name-a4.pdf")" = 841.89x595.28 ] || { echo "  $name: A4 PDF is $(size "$OUT/$name-a4.pdf")" >&2; failed=1; }
  [ "$(size "$OUT/$name-f4.pdf")" = 935.43x609.45 ] || { echo "  $name: F4 PDF is $(size "$OUT/$name-f4.pdf")" >&2; failed=1; }
  pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$OUT/$name-a4.pdf" "$PNG_DIR/$name"
done

# Each sheet of the DID line's pagu trail (its steps, its tie-out) prints on one page, and the PDF is one page.
did=$(pages "$OUT/xlsx-pdf/pagu-trail-DID-line.pdf")
did_sheets=$(sheets "$OUT/pagu-trail-DID-line.xlsx")
if [ "$did" != "$did_sheets" ]; then
  echo "FAIL: the DID line's pagu trail prints on $did pages from the XLSX's $did_sheets sheets (expected one page a sheet)" >&2
  failed=1
fi
if [ "$(pages "$OUT/pagu-trail-DID-line-a4.pdf")" != 1 ]; then
  echo "FAIL: the DID line's pagu trail PDF has $(pages "$OUT/pagu-trail-DID-line-a4.pdf") pages (expected 1)" >&2
  failed=1
fi
echo "Files in $OUT; first pages in $PNG_DIR"
exit "$failed"
