{
  # Two products: the addon (esent.node) and the ESE emulator, a plain shared library with
  # the JET C exports that the addon loads at run time where ESENT.dll does not exist.
  # Sources are taken per folder, subfolders included, so adding a file needs no edit here.
  # No two sources of one target share a file name (MSBuild puts objects in one folder).
  "target_defaults": {
    "include_dirs": ["native/include"],
    "cflags_cc": ["-std=c++17", "-fexceptions"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++14", "-std=gnu++17"],
    "cflags!": ["-fno-exceptions"],
    "xcode_settings": {
      "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
      "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
      "MACOSX_DEPLOYMENT_TARGET": "11.0"
    },
    "msvs_settings": {
      "VCCLCompilerTool": {
        "ExceptionHandling": 1,
        "AdditionalOptions": ["/std:c++17", "/utf-8"]
      }
    }
  },
  "targets": [
    {
      "target_name": "esent_emulator",
      "type": "shared_library",
      "product_dir": "<(PRODUCT_DIR)",
      "product_prefix": "",
      "sources": ["<!@(node scripts/list-sources.mjs native/emulator)"],
      "defines": ["ESENT_EMULATOR_BUILD"],
      "cflags_cc": ["-fvisibility=hidden"],
      "conditions": [
        ["OS=='linux'", { "libraries": ["-lpthread"] }],
        ["OS=='win'", { "defines": ["WIN32_LEAN_AND_MEAN", "NOMINMAX"] }]
      ]
    },
    {
      "target_name": "esent",
      "dependencies": ["esent_emulator"],
      "sources": ["<!@(node scripts/list-sources.mjs native/addon native/loader)"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "conditions": [
        ["OS=='linux'", { "libraries": ["-ldl", "-lpthread"] }],
        ["OS=='win'", { "defines": ["WIN32_LEAN_AND_MEAN", "NOMINMAX", "ESENT_CHECK_AGAINST_SDK"] }]
      ]
    }
  ]
}
