// Ctrl+K command palette: type to filter every action of the window (menus, panels), Enter runs it.
#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QLineEdit;
class QListWidget;

namespace shoppilot::ui {

class CommandPalette : public QDialog {
    Q_OBJECT
public:
    explicit CommandPalette(QList<QAction*> actions, QWidget* parent = nullptr);

    // Actions whose text matches every word of `query` (case-insensitive), in input order.
    static QList<QAction*> match(const QList<QAction*>& actions, const QString& query);
    // Plain text of an action: without '&' mnemonics and trailing ellipsis.
    static QString plainText(const QAction* action);

    QLineEdit* searchField() const { return m_search; }
    QListWidget* results() const { return m_list; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refill();
    void runSelected();

    QList<QAction*> m_actions;
    QLineEdit* m_search;
    QListWidget* m_list;
};

} // namespace shoppilot::ui
