#include "widgets/breadcrumb_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace shoppilot::ui {

BreadcrumbBar::BreadcrumbBar(QWidget* parent) : QWidget(parent)
{
    m_layout = new QHBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    rebuild();
}

void BreadcrumbBar::setRootLabel(const QString& label)
{
    m_root = label;
    rebuild();
}

void BreadcrumbBar::setSteps(const QStringList& labels)
{
    m_steps = labels;
    rebuild();
}

QStringList BreadcrumbBar::crumbs() const
{
    return QStringList{m_root} + m_steps;
}

void BreadcrumbBar::activate(int depth)
{
    if (depth >= 0 && depth < m_steps.size())
        Q_EMIT depthRequested(depth);
}

void BreadcrumbBar::rebuild()
{
    while (QLayoutItem* item = m_layout->takeAt(0)) {
        // Deferred: this may run inside the clicked() of the crumb being removed.
        if (QWidget* w = item->widget()) {
            w->hide();
            w->setObjectName(QString());
            w->deleteLater();
        }
        delete item;
    }
    const QStringList all = crumbs();
    for (int i = 0; i < all.size(); ++i) {
        if (i > 0) {
            auto* sep = new QLabel(QStringLiteral("›"));
            sep->setStyleSheet(QStringLiteral("color: palette(mid);"));
            m_layout->addWidget(sep);
        }
        if (i == all.size() - 1) {
            auto* current = new QLabel(QStringLiteral("<b>%1</b>").arg(all[i].toHtmlEscaped()));
            current->setObjectName(QStringLiteral("crumb%1").arg(i));
            current->setContentsMargins(4, 0, 4, 0);
            m_layout->addWidget(current);
            continue;
        }
        auto* crumb = new QToolButton;
        crumb->setObjectName(QStringLiteral("crumb%1").arg(i));
        crumb->setText(all[i]);
        crumb->setAutoRaise(true);
        crumb->setCursor(Qt::PointingHandCursor);
        connect(crumb, &QToolButton::clicked, this, [this, i] { activate(i); });
        m_layout->addWidget(crumb);
    }
    m_layout->addStretch();
}

} // namespace shoppilot::ui
