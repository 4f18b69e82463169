#include "widgets/table_util.h"

#include <QHeaderView>
#include <QTableWidget>

namespace shoppilot::ui {

QTableWidget* newReadOnlyTable()
{
    auto* t = new QTableWidget;
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->setVisible(false);
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8); // compact rows
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QTableWidgetItem* readOnlyCell(const QString& text, bool number)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace shoppilot::ui
