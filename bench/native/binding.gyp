{
  # The benchmark's native baseline (context_loop.cc), built by `npm run bench` only: it is
  # not part of the package's addon and is not published.
  "targets": [
    {
      "target_name": "esent_bench",
      "sources": ["context_loop.cc", "../../native/loader/engine_library.cc"],
      "include_dirs": ["../../native/include", "<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-O2"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++14", "-std=gnu++17"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "MACOSX_DEPLOYMENT_TARGET": "11.0"
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "ExceptionHandling": 1, "AdditionalOptions": ["/std:c++17", "/utf-8"] }
      },
      "conditions": [
        ["OS=='linux'", { "libraries": ["-ldl"] }],
        ["OS=='win'", { "defines": ["WIN32_LEAN_AND_MEAN", "NOMINMAX"] }]
      ]
    }
  ]
}
