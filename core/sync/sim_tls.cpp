// Self-signed certificate for the platform simulator (see sim_tls.h).
#include "sync/sim_tls.h"

#include <memory>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "common/error.h"

namespace shoppilot::sync::sim {

namespace {

[[noreturn]] void fail(const char* step)
{
    throw Error(ErrorCode::Network, std::string("cannot make the simulator's TLS certificate: ") + step + " failed");
}

struct Free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(X509* p) const { X509_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
};

std::string bioText(BIO* bio)
{
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, std::size_t(n));
}

} // namespace

SelfSignedCert makeSelfSignedCert()
{
    std::unique_ptr<EVP_PKEY, Free> key(EVP_EC_gen("P-256"));
    if (!key)
        fail("EVP_EC_gen");
    std::unique_ptr<X509, Free> cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1)
        fail("X509_new");
    // A random serial: clients that cache certificates must not confuse two simulator runs.
    unsigned char serial[8];
    if (RAND_bytes(serial, sizeof serial) != 1)
        fail("RAND_bytes");
    std::uint64_t s = 0;
    for (unsigned char b : serial)
        s = (s << 8) | b;
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), (s >> 1) | 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600);
    if (X509_set_pubkey(cert.get(), key.get()) != 1)
        fail("X509_set_pubkey");
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("ShopPilot platform simulator"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);

    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    const std::pair<int, const char*> extensions[] = {
        {NID_basic_constraints, "critical,CA:TRUE"},
        {NID_key_usage, "critical,digitalSignature,keyCertSign"},
        {NID_ext_key_usage, "serverAuth"},
        {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"},
        {NID_subject_key_identifier, "hash"},
    };
    for (const auto& [nid, value] : extensions) {
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
        if (!ext)
            fail("X509V3_EXT_conf_nid");
        const int ok = X509_add_ext(cert.get(), ext, -1);
        X509_EXTENSION_free(ext);
        if (ok != 1)
            fail("X509_add_ext");
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        fail("X509_sign");

    SelfSignedCert out;
    std::unique_ptr<BIO, Free> certBio(BIO_new(BIO_s_mem()));
    std::unique_ptr<BIO, Free> keyBio(BIO_new(BIO_s_mem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        fail("PEM_write_bio");
    out.certPem = bioText(certBio.get());
    out.keyPem = bioText(keyBio.get());
    return out;
}

} // namespace shoppilot::sync::sim
