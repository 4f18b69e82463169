// Error types core throws: a code a program can branch on plus a message a person can act on.
#pragma once

#include <stdexcept>
#include <string>

namespace shoppilot {

enum class ErrorCode {
    Io,              // a file could not be read or written
    NotFound,        // a file, row or resource does not exist
    NotAStore,       // a file is not a ShopPilot store (foreign or non-SQLite file)
    Corrupt,         // a store or data file is damaged
    NewerSchema,     // a store written by a newer ShopPilot
    ReadOnly,        // a store that must be written cannot be
    InvalidArgument, // a caller or user passed something unusable
    Parse,           // malformed input data
    Database,        // any other SQLite failure
    Model,           // a model file or checkpoint that does not fit
    Network,         // transport or protocol failure
    Cancelled,       // the user asked to stop
};

const char* errorCodeName(ErrorCode code) noexcept;

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message)
        : std::runtime_error(message), m_code(code) {}
    ErrorCode code() const noexcept { return m_code; }

private:
    ErrorCode m_code;
};

// Thrown by long-running work when its Progress callback returned false.
class Cancelled : public Error {
public:
    Cancelled() : Error(ErrorCode::Cancelled, "cancelled by the user") {}
};

} // namespace shoppilot
