// Read-only QTableWidget helpers the panels share: a compact, row-selecting table without a
// vertical header, and a non-editable cell (numbers right-aligned).
#pragma once

#include <QString>

class QTableWidget;
class QTableWidgetItem;

namespace shoppilot::ui {

QTableWidget* newReadOnlyTable();
QTableWidgetItem* readOnlyCell(const QString& text, bool number = false);

} // namespace shoppilot::ui
