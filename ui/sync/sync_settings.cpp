#include "sync/sync_settings.h"

#include <QSettings>

namespace shoppilot::ui {

QString SyncSettings::secretAccount() const
{
    return QStringLiteral("woocommerce:%1|%2").arg(url.trimmed(), consumerKey.trimmed());
}

QString SyncSettings::webhookSecretAccount() const
{
    return secretAccount() + QStringLiteral("|webhook");
}

sync::SyncOptions SyncSettings::toOptions(const QString& secret) const
{
    sync::SyncOptions o;
    o.baseUrl = url.trimmed().toStdString();
    while (!o.baseUrl.empty() && o.baseUrl.back() == '/')
        o.baseUrl.pop_back();
    o.key = consumerKey.trimmed().toStdString();
    o.secret = secret.toStdString();
    o.queryStringAuth = queryStringAuth;
    o.caFile = caFile.trimmed().toStdString();
    return o;
}

SyncSettings SyncSettings::load()
{
    QSettings s;
    s.beginGroup(QStringLiteral("sync"));
    SyncSettings out;
    out.url = s.value(QStringLiteral("url")).toString();
    out.consumerKey = s.value(QStringLiteral("consumerKey")).toString();
    out.intervalMinutes = qBound(0, s.value(QStringLiteral("intervalMinutes"), 0).toInt(), 24 * 60);
    out.queryStringAuth = s.value(QStringLiteral("queryStringAuth"), false).toBool();
    out.caFile = s.value(QStringLiteral("caFile")).toString();
    out.webhooksEnabled = s.value(QStringLiteral("webhooksEnabled"), false).toBool();
    out.webhookPort = qBound(0, s.value(QStringLiteral("webhookPort"), kDefaultWebhookPort).toInt(), 65535);
    return out;
}

void SyncSettings::save() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("sync"));
    s.setValue(QStringLiteral("url"), url.trimmed());
    s.setValue(QStringLiteral("consumerKey"), consumerKey.trimmed());
    s.setValue(QStringLiteral("intervalMinutes"), intervalMinutes);
    s.setValue(QStringLiteral("queryStringAuth"), queryStringAuth);
    s.setValue(QStringLiteral("caFile"), caFile.trimmed());
    s.setValue(QStringLiteral("webhooksEnabled"), webhooksEnabled);
    s.setValue(QStringLiteral("webhookPort"), webhookPort);
}

} // namespace shoppilot::ui
