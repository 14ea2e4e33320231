#ifndef CALICAP_CPCAP_SHIM_H
#define CALICAP_CPCAP_SHIM_H
#include <pcap/pcap.h>
#endif
