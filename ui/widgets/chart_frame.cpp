#include "widgets/chart_frame.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QMargins>
#include <QPainter>
#include <QElapsedTimer>
#include <QPaintEvent>
#include <QGraphicsScene>
#include <QStackedLayout>
#include <QWidget>

namespace shoppilot::ui {

CachedChartView::CachedChartView()
{
    // Any change in the scene (a new chart, new series, a legend) renders the pixmap anew; the
    // scene reports changes before the view's repaint runs.
    connect(scene(), &QGraphicsScene::changed, this, [this] { m_dirty = true; });
}

void CachedChartView::setOverlayLine(const QLineF& sceneLine, bool visible)
{
    if (sceneLine == m_overlay && visible == m_overlayVisible)
        return;
    m_overlay = sceneLine;
    m_overlayVisible = visible;
    viewport()->update();
}

void CachedChartView::resizeEvent(QResizeEvent* event)
{
    // Qt also sends a resize event of the same size when a hidden page is shown again (a tab
    // switch): the picture is still right then, and re-rendering it is most of the switch's cost.
    if (event->size() != event->oldSize())
        m_dirty = true;
    QChartView::resizeEvent(event);
}

bool CachedChartView::viewportEvent(QEvent* event)
{
    // QGraphicsView (de)activates the whole scene each time the view is shown or hidden, and every
    // chart item repaints itself for it: each tab switch would re-render every chart on the page
    // for a picture that did not change. After the first show the scene stays active.
    if (event->type() == QEvent::Show || event->type() == QEvent::Hide) {
        if (m_shownOnce)
            return QAbstractScrollArea::viewportEvent(event);
        m_shownOnce = event->type() == QEvent::Show;
    }
    return QChartView::viewportEvent(event);
}

void CachedChartView::paintEvent(QPaintEvent* event)
{
    QWidget* vp = viewport();
    const qreal dpr = vp->devicePixelRatioF();
    const QSize pixels = vp->size() * dpr;
    if (m_dirty || m_cache.size() != pixels) {
        if (m_cache.size() != pixels) // same size: paint over the old picture, no new allocation
            m_cache = QPixmap(pixels);
        m_cache.setDevicePixelRatio(dpr);
        m_cache.fill(vp->palette().color(vp->backgroundRole()));
        QElapsedTimer T; T.start();
        QPainter p(&m_cache);
        p.setRenderHints(renderHints());
        render(&p, QRectF(QPointF(0, 0), QSizeF(vp->size())), vp->rect(), Qt::IgnoreAspectRatio);
        m_dirty = false;
        if (qEnvironmentVariableIsSet("SHOPPILOT_STALL_TRACE"))
            qWarning("chart %s re-rendered in %.1f ms", qPrintable(chart() ? chart()->title() : QString()), T.nsecsElapsed() / 1e6);
    }
    QPainter p(vp);
    p.setClipRegion(event->region());
    p.drawPixmap(0, 0, m_cache);
    if (m_overlayVisible) {
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QColor(0x33, 0x33, 0x33), 1, Qt::DashLine));
        p.drawLine(QLineF(mapFromScene(m_overlay.p1()), mapFromScene(m_overlay.p2())));
    }
}

ChartFrame makeChartFrame(QWidget* owner)
{
    ChartFrame f;
    f.view = new CachedChartView;
    f.view->setRenderHint(QPainter::Antialiasing);
    f.view->setFrameShape(QFrame::NoFrame);
    f.emptyLabel = new QLabel;
    f.emptyLabel->setAlignment(Qt::AlignCenter);
    f.emptyLabel->setWordWrap(true);
    f.emptyLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
    f.stack = new QStackedLayout(owner);
    f.stack->setContentsMargins(0, 0, 0, 0);
    f.stack->addWidget(f.view);
    f.stack->addWidget(f.emptyLabel);
    return f;
}

QFont scaledFont(const QWidget* owner, double scale)
{
    QFont f = owner->font();
    f.setPointSizeF(f.pointSizeF() * scale);
    return f;
}

QChart* newStyledChart(const QWidget* owner, const QString& title, int margin, double legendScale)
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setLocale(QLocale());
    chart->setLocalizeNumbers(true);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(margin, margin, margin, margin));
    QFont titleFont = owner->font();
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitle(title);
    chart->legend()->setFont(scaledFont(owner, legendScale));
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

} // namespace shoppilot::ui
