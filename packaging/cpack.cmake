# Debian packages via CPack (`make package`, or `cpack -G DEB` in the build tree):
#   shoppilot                 the desktop application and its command line
#   shoppilot-platform-sim    the local shop-platform API server (a development tool)
#   shoppilot-dbgsym, shoppilot-platform-sim-dbgsym   the debug symbols (.ddeb)
# Binaries are stripped; their debug information goes to the -dbgsym packages, found by build id.
# Runtime Depends: shared-library dependencies from dpkg-shlibdeps, plus what it cannot see (BLAS
# chosen at run time, the CJK font for the UI and reports) from packaging/debian-packages.txt.
set(CPACK_PACKAGE_NAME "shoppilot")
set(CPACK_PACKAGE_VENDOR "ShopPilot")
set(CPACK_PACKAGE_CONTACT "ShopPilot team <team@shoppilot.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://shoppilot.org/")
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL app sim)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_COMPRESSION_TYPE "gzip") # xz takes minutes on the 60 MB of debug symbols

set(CPACK_DEBIAN_APP_PACKAGE_NAME "shoppilot")
set(CPACK_DEBIAN_APP_PACKAGE_SECTION "misc")
file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/debian-packages.txt" _pkgs REGEX "^(libopenblas0-pthread|fonts-wqy-microhei)")
list(JOIN _pkgs ", " CPACK_DEBIAN_APP_PACKAGE_DEPENDS)
# Qt's own strings (dialog buttons ...) in Chinese come from the system's Qt translations.
string(APPEND CPACK_DEBIAN_APP_PACKAGE_DEPENDS ", qt6-translations-l10n, hicolor-icon-theme")
set(CPACK_DEBIAN_APP_DESCRIPTION "E-commerce operations cockpit for online shops
ShopPilot keeps a local SQLite copy of an online shop's orders, products,
customers and events, in sync with WooCommerce, and serves eight panels
from it: Overview (KPI charts), Pricing, Recommendations, Segments, Risk
(flagged-order review), Support (a Chinese and English bot), Campaigns and
Logistics (routing, stock). Models are trained on the shop's own data on
this machine. Chinese and English user interface.")

set(CPACK_DEBIAN_SIM_PACKAGE_NAME "shoppilot-platform-sim")
set(CPACK_DEBIAN_SIM_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_SIM_DESCRIPTION "Local shop-platform API server for ShopPilot development
A WooCommerce-style REST API, event feed and webhook sender served from a
ShopPilot store over loopback, with injectable faults (errors, rate limits,
latency, malformed records). For developing and testing the sync; not
needed to use ShopPilot.")

# Desktop integration and documentation (the app package).
set(_pkgdoc "${CMAKE_BINARY_DIR}/packaging")
install(FILES "${CMAKE_CURRENT_LIST_DIR}/org.shoppilot.ShopPilot.desktop" DESTINATION share/applications COMPONENT app)
install(FILES "${CMAKE_CURRENT_LIST_DIR}/org.shoppilot.ShopPilot.metainfo.xml" DESTINATION share/metainfo COMPONENT app)
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/shoppilot.svg" DESTINATION share/icons/hicolor/scalable/apps
        RENAME org.shoppilot.ShopPilot.svg COMPONENT app)
find_program(RSVG_CONVERT rsvg-convert REQUIRED)
find_program(GZIP_PROGRAM gzip REQUIRED)
set(_icons)
foreach(size 16 24 32 48 64 128 256)
  set(_png "${_pkgdoc}/icons/${size}x${size}/org.shoppilot.ShopPilot.png")
  add_custom_command(OUTPUT "${_png}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${_pkgdoc}/icons/${size}x${size}"
    COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} -o "${_png}" "${PROJECT_SOURCE_DIR}/resources/icons/shoppilot.svg"
    DEPENDS "${PROJECT_SOURCE_DIR}/resources/icons/shoppilot.svg"
    COMMENT "Rendering the ${size}x${size} application icon")
  list(APPEND _icons "${_png}")
  install(FILES "${_png}" DESTINATION share/icons/hicolor/${size}x${size}/apps COMPONENT app)
endforeach()
# Debian policy: changelog and man pages compressed (gzip -n: no timestamp, reproducible).
add_custom_command(OUTPUT "${_pkgdoc}/changelog.gz"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${_pkgdoc}"
  COMMAND ${GZIP_PROGRAM} -n -9 -c "${CMAKE_CURRENT_LIST_DIR}/changelog" > "${_pkgdoc}/changelog.gz"
  DEPENDS "${CMAKE_CURRENT_LIST_DIR}/changelog")
add_custom_command(OUTPUT "${_pkgdoc}/shoppilot.1.gz"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${_pkgdoc}"
  COMMAND ${GZIP_PROGRAM} -n -9 -c "${CMAKE_BINARY_DIR}/app/shoppilot.1" > "${_pkgdoc}/shoppilot.1.gz"
  DEPENDS shoppilot_manpage "${CMAKE_BINARY_DIR}/app/shoppilot.1")
add_custom_command(OUTPUT "${_pkgdoc}/shoppilot-platform-sim.1.gz"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${_pkgdoc}"
  COMMAND ${GZIP_PROGRAM} -n -9 -c "${CMAKE_CURRENT_LIST_DIR}/shoppilot-platform-sim.1" > "${_pkgdoc}/shoppilot-platform-sim.1.gz"
  DEPENDS "${CMAKE_CURRENT_LIST_DIR}/shoppilot-platform-sim.1")
add_custom_target(shoppilot_package_files ALL DEPENDS ${_icons} "${_pkgdoc}/changelog.gz" "${_pkgdoc}/shoppilot.1.gz"
                                                      "${_pkgdoc}/shoppilot-platform-sim.1.gz")
install(FILES "${_pkgdoc}/shoppilot.1.gz" DESTINATION share/man/man1 COMPONENT app)
install(FILES "${_pkgdoc}/shoppilot-platform-sim.1.gz" DESTINATION share/man/man1 COMPONENT sim)
# Model cards and recipes (models/), for reading outside the app; the app itself embeds them
# (core/models), so nothing here is needed at run time.
install(DIRECTORY "${PROJECT_SOURCE_DIR}/models/" DESTINATION share/shoppilot/models COMPONENT app
        FILES_MATCHING PATTERN "*.md" PATTERN "*.json")
foreach(pkg shoppilot shoppilot-platform-sim)
  if(pkg STREQUAL "shoppilot")
    set(_comp app)
  else()
    set(_comp sim)
  endif()
  install(FILES "${CMAKE_CURRENT_LIST_DIR}/copyright" DESTINATION share/doc/${pkg} COMPONENT ${_comp})
  install(FILES "${_pkgdoc}/changelog.gz" DESTINATION share/doc/${pkg} COMPONENT ${_comp})
endforeach()
include(CPack)
