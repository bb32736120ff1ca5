// Asio and Beast are compiled once, here, instead of in every translation unit that
// includes them (BOOST_ASIO_SEPARATE_COMPILATION / BOOST_BEAST_SEPARATE_COMPILATION are
// public definitions of the server library). This keeps the build fast on 2 cores.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
