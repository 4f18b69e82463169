// Small helpers shared by tests: file digests, byte-exact file comparison, temporary stores.
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QString>

namespace shoppilot::test {

inline QByteArray fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

} // namespace shoppilot::test
