// A breadcrumb of the drill-down path: "All data › Electronics › Germany". Clicking a crumb asks
// to go back to that depth (0 = the root); the last crumb is the current view and is not a link.
#pragma once

#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QToolButton;

namespace shoppilot::ui {

class BreadcrumbBar : public QWidget {
    Q_OBJECT
public:
    explicit BreadcrumbBar(QWidget* parent = nullptr);

    void setRootLabel(const QString& label);
    // The labels of the steps below the root.
    void setSteps(const QStringList& labels);
    QStringList steps() const { return m_steps; }
    // Root plus steps, as shown.
    QStringList crumbs() const;

public Q_SLOTS:
    // Same as clicking crumb `depth` (0 = root).
    void activate(int depth);

Q_SIGNALS:
    void depthRequested(int depth);

private:
    void rebuild();

    QHBoxLayout* m_layout;
    QString m_root;
    QStringList m_steps;
};

} // namespace shoppilot::ui
