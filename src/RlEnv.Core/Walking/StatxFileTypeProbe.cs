using System.Runtime.InteropServices;

namespace RlEnv.Core.Walking;

/// <summary>
/// Reads the file type with Linux statx(2), whose struct layout is the same on every architecture
/// (unlike struct stat). On other systems it answers "regular", which is what .NET itself assumes.
/// </summary>
public sealed partial class StatxFileTypeProbe : IFileTypeProbe
{
    public static readonly StatxFileTypeProbe Instance = new();

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int SymlinkType = 0xA000;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, Span<byte> buffer);

    public bool IsSpecial(string fullPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtFdCwd, fullPath, AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                return false;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }

        var type = BitConverter.ToUInt16(buffer.Slice(ModeOffset, 2)) & TypeMask;
        return type is not (RegularFile or DirectoryType or SymlinkType);
    }
}
