using System.Runtime.InteropServices;

namespace RlEnv.Core.Validation;

/// <summary>
/// Large zeroed arrays whose pages are mapped in one system call instead of one page fault per 4 KiB at first touch.
/// A digest table is touched at random, so each of its pages faults in the middle of the merge that every block waits
/// for: measured on the 181 MiB benchmark, the merge of a file's first blocks ran alone for 10-20 ms, most of it in
/// page faults. Linux only (madvise MADV_POPULATE_WRITE, 5.14+); elsewhere, or when the kernel refuses, the pages
/// fault in as before. The contents are not changed: populating only maps the zero pages the array already reads as.
/// </summary>
internal static partial class PrefaultedArray
{
    private const int MadvPopulateWrite = 23;
    private const int MinimumBytes = 1 << 20;

    public static unsafe T[] Allocate<T>(int length)
        where T : unmanaged
    {
        var bytes = (long)length * sizeof(T);
        if (!OperatingSystem.IsLinux() || bytes < MinimumBytes)
        {
            return new T[length];
        }

        // Pinned: its address must hold between the call and the first touch, and a table lives as long as its split.
        var array = GC.AllocateArray<T>(length, pinned: true);
        var page = (nuint)Environment.SystemPageSize;
        fixed (T* start = array)
        {
            var begin = ((nuint)start + page - 1) & ~(page - 1);
            var end = ((nuint)start + (nuint)bytes) & ~(page - 1);
            if (end > begin)
            {
                try
                {
                    _ = Madvise((void*)begin, end - begin, MadvPopulateWrite);
                }
                catch (EntryPointNotFoundException)
                {
                    // A libc without madvise: the pages fault in one by one.
                }
            }
        }

        return array;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static unsafe partial int Madvise(void* address, nuint length, int advice);
}
