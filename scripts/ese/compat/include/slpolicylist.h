// Windows' internal list of software-licensing policy names. ESENT reads one: the name of
// its parameter-configuration policy (JET_paramConfiguration's Windows-wide default).
#pragma once
static const WCHAR g_wszLP_PARAMCONFIGURATION[] = L"ExtensibleStorageEngine-ISAM-ParamConfiguration";
