# Debian package via CPack. Runtime Depends come from the same package list the install script
# uses (packaging/debian-packages.txt): the runtime libraries of its -dev packages.
set(CPACK_PACKAGE_NAME "shoppilot")
set(CPACK_PACKAGE_VENDOR "ShopPilot")
set(CPACK_PACKAGE_CONTACT "ShopPilot team <team@shoppilot.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Shared-library dependencies are computed from the binary; these are the ones dpkg-shlibdeps
# cannot see (BLAS chosen at run time, CJK font for the UI and reports).
file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/debian-packages.txt" _pkgs REGEX "^(libopenblas0-pthread|fonts-wqy-microhei)")
list(JOIN _pkgs ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
install(FILES "${CMAKE_CURRENT_LIST_DIR}/shoppilot.desktop" DESTINATION share/applications)
install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/shoppilot.svg" DESTINATION share/icons/hicolor/scalable/apps)
include(CPack)
