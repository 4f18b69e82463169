// The platform simulator's throwaway TLS identity: a self-signed certificate for 127.0.0.1 made
// with OpenSSL at start, so HTTPS can be tested without shipping keys. Internal to core/sync.
#pragma once

#include <string>

namespace shoppilot::sync::sim {

struct SelfSignedCert {
    std::string certPem; // also a CA certificate (CA:TRUE), so a client can trust it as its CA file
    std::string keyPem;
};

// An EC P-256 key and a certificate for IP 127.0.0.1 / DNS localhost, valid for 7 days.
// Throws Error(Network) when OpenSSL fails.
SelfSignedCert makeSelfSignedCert();

} // namespace shoppilot::sync::sim
