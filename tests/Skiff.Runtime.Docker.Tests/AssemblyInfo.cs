// The driver and its tests run against a Linux container engine; file modes and symlinks are Unix ones.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
