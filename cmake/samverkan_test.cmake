# samverkan_add_test(name SOURCES … LIBS … LABELS unit|db|smtp|e2e|browser)
# One Boost.Test executable per area, registered with CTest under its label.

# The one main() of every test executable, compiled once (Boost.Test's runner is heavy).
add_library(samverkan_test_main OBJECT ${PROJECT_SOURCE_DIR}/tests/support/test_main.cpp)
target_link_libraries(samverkan_test_main PRIVATE Boost::unit_test_framework)

function(samverkan_add_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE samverkan_test_main Boost::unit_test_framework
    samverkan_warnings ${ARG_LIBS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  add_test(NAME ${name} COMMAND ${name} --report_level=short --log_level=message)
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT})
  # Unit suites need no service: the sanitizer build runs them all (scripts/sanitizers).
  if("unit" IN_LIST ARG_LABELS)
    set_property(GLOBAL APPEND PROPERTY SAMVERKAN_SANITIZER_TARGETS ${name})
  endif()
endfunction()
