#include "shell/command_palette.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QListWidget>
#include <QVBoxLayout>

namespace shoppilot::ui {

CommandPalette::CommandPalette(QList<QAction*> actions, QWidget* parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint), m_actions(std::move(actions))
{
    setObjectName(QStringLiteral("commandPalette"));
    m_search = new QLineEdit;
    m_search->setPlaceholderText(tr("Type a command…"));
    m_search->installEventFilter(this);
    m_list = new QListWidget;
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    connect(m_search, &QLineEdit::textChanged, this, &CommandPalette::refill);
    connect(m_search, &QLineEdit::returnPressed, this, &CommandPalette::runSelected);
    connect(m_list, &QListWidget::itemActivated, this, &CommandPalette::runSelected);
    resize(520, 360);
    refill();
}

QString CommandPalette::plainText(const QAction* action)
{
    QString t = action->text();
    t.remove(QRegularExpression(QStringLiteral("\\(&.\\)"))); // Chinese-style mnemonics "(&F)"
    t.remove(QLatin1Char('&'));
    if (t.endsWith(QStringLiteral("…")))
        t.chop(1);
    return t.trimmed();
}

QList<QAction*> CommandPalette::match(const QList<QAction*>& actions, const QString& query)
{
    const QStringList words = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<QAction*> out;
    for (QAction* a : actions) {
        if (!a->isEnabled() || a->isSeparator() || a->menu() || plainText(a).isEmpty())
            continue;
        const QString text = plainText(a);
        bool all = true;
        for (const QString& w : words)
            all = all && text.contains(w, Qt::CaseInsensitive);
        if (all)
            out.append(a);
    }
    return out;
}

void CommandPalette::refill()
{
    m_list->clear();
    for (QAction* a : match(m_actions, m_search->text())) {
        auto* item = new QListWidgetItem(a->icon(), plainText(a));
        if (!a->shortcut().isEmpty())
            item->setText(item->text() + QStringLiteral("    ") + a->shortcut().toString(QKeySequence::NativeText));
        item->setData(Qt::UserRole, QVariant::fromValue(static_cast<QObject*>(a)));
        m_list->addItem(item);
    }
    m_list->setCurrentRow(0);
}

void CommandPalette::runSelected()
{
    QListWidgetItem* item = m_list->currentItem();
    if (!item)
        return;
    auto* action = qobject_cast<QAction*>(item->data(Qt::UserRole).value<QObject*>());
    accept();
    if (action)
        action->trigger();
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event)
{
    // Up/Down in the search field move through the results, so the hands stay on the keys.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            m_list->setCurrentRow(std::clamp(m_list->currentRow() + step, 0, std::max(0, m_list->count() - 1)));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace shoppilot::ui
