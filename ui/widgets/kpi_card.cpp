#include "widgets/kpi_card.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <cmath>

namespace shoppilot::ui {

namespace {
const char* const kGood = "color: #1a7f37;";
const char* const kBad = "color: #c62828;";
const char* const kNeutral = "color: palette(mid);";
const char* const kCaveat = "color: #9a6700;";
} // namespace

KpiCard::KpiCard(QWidget* parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("kpiTitle"));
    m_value = new QLabel;
    m_value->setObjectName(QStringLiteral("kpiValue"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_value->setFont(big);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_delta = new QLabel;
    m_delta->setObjectName(QStringLiteral("kpiDelta"));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_delta->setFont(small);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(2);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_delta);
    clear();
}

void KpiCard::setTitle(const QString& title)
{
    m_title->setText(title);
}

void KpiCard::setValue(const QString& value, std::optional<double> relative, const QString& previous)
{
    m_hasValue = true;
    m_value->setText(value);
    m_value->setToolTip({});
    m_relative = relative;
    m_previous = previous;
    m_caveat.clear();
    m_caveatWhy.clear();
    retranslateDelta();
}

void KpiCard::setCaveat(const QString& text, const QString& why)
{
    m_caveat = text;
    m_caveatWhy = why;
    retranslateDelta();
}

void KpiCard::setNoData(const QString& why)
{
    m_hasValue = false;
    m_value->setText(QStringLiteral("—"));
    m_value->setToolTip(why);
    m_relative.reset();
    m_previous.clear();
    m_caveat.clear();
    m_caveatWhy.clear();
    m_trend = 0;
    m_delta->setText(why);
    m_delta->setToolTip(why);
    m_delta->setStyleSheet(QString::fromLatin1(kNeutral));
}

void KpiCard::clear()
{
    setNoData(QString());
    m_delta->setText(QStringLiteral(" "));
}

QString KpiCard::title() const { return m_title->text(); }
QString KpiCard::valueText() const { return m_value->text(); }
QString KpiCard::deltaText() const { return m_delta->text(); }

void KpiCard::retranslateDelta()
{
    if (!m_hasValue)
        return;
    m_delta->setToolTip(tr("Previous period: %1").arg(m_previous));
    if (!m_caveat.isEmpty()) {
        m_trend = 0;
        m_delta->setText(m_caveat);
        m_delta->setToolTip(m_caveatWhy + QLatin1Char('\n') + tr("Previous period: %1").arg(m_previous));
        m_delta->setStyleSheet(QString::fromLatin1(kCaveat));
        return;
    }
    if (!m_relative) {
        m_trend = 0;
        m_delta->setText(tr("no previous data"));
        m_delta->setStyleSheet(QString::fromLatin1(kNeutral));
        return;
    }
    const double pct = *m_relative * 100.0;
    const QLocale locale;
    // Rounded to what is shown, so "+0.0%" is never coloured.
    const double shown = std::round(pct * 10.0) / 10.0;
    QString number = locale.toString(std::abs(shown), 'f', 1) + locale.percent();
    const QString sign = shown > 0 ? QStringLiteral("+") : shown < 0 ? QString(QChar(0x2212)) : QString();
    m_delta->setText(tr("%1 vs previous period").arg(sign + number));
    const int direction = shown > 0 ? 1 : shown < 0 ? -1 : 0;
    m_trend = m_better == Better::Higher ? direction : -direction;
    m_delta->setStyleSheet(QString::fromLatin1(m_trend > 0 ? kGood : m_trend < 0 ? kBad : kNeutral));
}

void KpiCard::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateDelta();
    QFrame::changeEvent(event);
}

} // namespace shoppilot::ui
