# The Debian package samverkan_<version>_amd64.deb, built by scripts/package with CPack from
# this build tree: the installed program (app/: samverkan_installed, whose defaults point at
# /usr/share/samverkan and /etc/samverkan), the templates and static files, the config file
# (a conffile), the systemd unit, the maintainer scripts of deploy/debian, the docs.
# Dependencies come from dpkg-shlibdeps. README "Packaging" says why CPack.

# cpack packs what is built; it must not start a build of everything (scripts/package
# builds, under the shared build lock when asked to).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(debian_dir "${PROJECT_SOURCE_DIR}/deploy/debian")
set(package_dir "${PROJECT_BINARY_DIR}/package-files")
string(TIMESTAMP SAMVERKAN_PACKAGE_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(SAMVERKAN_PACKAGE_VERSION "${PROJECT_VERSION}")
configure_file("${debian_dir}/changelog.in" "${package_dir}/changelog" @ONLY)

# Debian wants these gzip-compressed at -9 without a timestamp (lintian checks both).
set(gzipped)
foreach(pair "${package_dir}/changelog|changelog.gz" "${debian_dir}/samverkan.1|samverkan.1.gz"
        "${PROJECT_SOURCE_DIR}/docs/operations.md|operations.md.gz")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 source)
  list(GET pair 1 name)
  add_custom_command(OUTPUT "${package_dir}/${name}"
    COMMAND sh -c "gzip -9n -c '${source}' > '${package_dir}/${name}'"
    DEPENDS "${source}" VERBATIM)
  list(APPEND gzipped "${package_dir}/${name}")
endforeach()
add_custom_target(samverkan_package_files ALL DEPENDS ${gzipped})

install(TARGETS samverkan_installed RUNTIME DESTINATION bin)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/web/templates" "${PROJECT_SOURCE_DIR}/web/static"
                  "${PROJECT_SOURCE_DIR}/web/messages"
        DESTINATION share/samverkan/web)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/mail_templates/" DESTINATION share/samverkan/mail_templates)
install(FILES "${debian_dir}/samverkan.conf" DESTINATION /etc/samverkan
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES "${debian_dir}/samverkan.service" DESTINATION /lib/systemd/system)
install(FILES "${package_dir}/changelog.gz" "${package_dir}/operations.md.gz"
        "${debian_dir}/copyright" DESTINATION share/doc/samverkan)
install(FILES "${PROJECT_SOURCE_DIR}/deploy/nginx/samverkan.conf"
        "${PROJECT_SOURCE_DIR}/deploy/nginx/samverkan-proxy.conf"
        "${PROJECT_SOURCE_DIR}/deploy/nginx/samverkan-upstream.conf"
        DESTINATION share/doc/samverkan/examples/nginx)
install(FILES "${package_dir}/samverkan.1.gz" DESTINATION share/man/man1)
# The config file is 0640 on purpose (it may hold passwords): lintian is told so.
install(FILES "${debian_dir}/lintian-overrides" DESTINATION share/lintian/overrides
        RENAME samverkan)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME samverkan)
set(CPACK_PACKAGE_VERSION "${SAMVERKAN_PACKAGE_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Samverkan maintainers <samverkan@kristianstad.example>")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "event registration server for a municipality and its non-profit sector
Samverkan lets associations register participants for the conferences and
theme meetings of Kristianstads kommun and its non-profit sector: registration
pages without an account, confirmation and reminder e-mails, waiting lists,
invitations and check-in at the door, with a JSON API.

It runs as the systemd service samverkan.service behind a reverse proxy
(an nginx example is included) and keeps all its state in PostgreSQL, so
several instances can serve one database.")
# adduser: postinst creates the system user; the libraries come from dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-client")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql, nginx")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${debian_dir}/postinst;${debian_dir}/prerm;${debian_dir}/postrm;${debian_dir}/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
include(CPack)
