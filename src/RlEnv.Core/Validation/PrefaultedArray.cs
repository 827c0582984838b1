using System.Runtime.InteropServices;

namespace RlEnv.Core.Validation;

/// <summary>
/// Large zeroed arrays whose pages are mapped in one system call instead of one page fault per 4 KiB at first touch.
/// A digest table is touched at random, so each of its pages faults in the middle of the merge that every block waits
/// for: measured on the 181 MiB benchmark, the merge of a file's first blocks ran alone for 10-20 ms, most of it in
/// page faults. Linux only (madvise MADV_POPULATE_WRITE, 5.14+); elsewhere, or when the kernel refuses, the pages
/// fault in as before. The contents are not changed: populating only maps the zero pages the array already reads as.
/// </summary>
/// <remarks>
/// The whole 2 MiB stretches inside a large array are first marked for transparent huge pages (MADV_HUGEPAGE, which
/// the kernel's default "madvise" mode waits for): a 13 MiB digest table is then a handful of TLB entries rather
/// than thousands, so its random lookups stop walking page tables, and it is mapped in a few faults rather than
/// thousands. Measured on the 181 MiB benchmark: 190 to 178 ms (perf stat, 3 alternating rounds of 15). Where huge
/// pages are off or unavailable, the advice is ignored and the array is mapped in small pages as before.
/// </remarks>
internal static partial class PrefaultedArray
{
    private const int MadvHugePage = 14;
    private const int MadvPopulateWrite = 23;
    private const int MinimumBytes = 1 << 20;
    private const nuint HugePageBytes = 2 << 20;

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
                    var hugeBegin = (begin + HugePageBytes - 1) & ~(HugePageBytes - 1);
                    var hugeEnd = end & ~(HugePageBytes - 1);
                    if (hugeEnd > hugeBegin)
                    {
                        _ = Madvise((void*)hugeBegin, hugeEnd - hugeBegin, MadvHugePage);
                    }

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
