#pragma once

#include <string>
#include <vector>

namespace samverkan::audit {

/// One row of the audit log as the admin page and the API show it.
struct row {
    long long id = 0;
    long long at = 0;       ///< epoch seconds
    long long user_id = 0;  ///< 0: no staff member (the command line, the system)
    std::string user_name;  ///< "" when user_id is 0 or the user was deleted
    std::string action;
    std::string entity;
    long long entity_id = 0;
    std::string detail_json;
    std::string client_address;
};

/// One page of the log, newest first.
struct page {
    std::vector<row> rows;
    long long total = 0;   ///< rows in the whole log
    long long number = 1;  ///< 1-based page number
    long long size = 50;   ///< rows per page
};

}  // namespace samverkan::audit
