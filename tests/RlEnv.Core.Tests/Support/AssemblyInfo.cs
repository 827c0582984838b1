// The real-file-system tests use FIFOs, symlinks, Unix modes, bash and GNU tar.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
