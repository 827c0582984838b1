using System.Buffers;
using System.Collections.Concurrent;

namespace RlEnv.Core.Validation;

/// <summary>
/// The 1 MiB blocks line-oriented validation reads into and validates from, kept for reuse and prefaulted when new
/// (<see cref="PrefaultedArray"/>): a fresh block faults 256 pages on its first fill, on the reading thread. A larger
/// block (a line longer than one block) comes from the shared array pool.
/// </summary>
internal static class LineBlockPool
{
    public const int BlockSize = 1024 * 1024;

    private static readonly ConcurrentQueue<byte[]> Blocks = new();
    private static readonly int MaxKept = (4 * Environment.ProcessorCount) + 4;

    public static byte[] Rent(int minimumLength) =>
        minimumLength > BlockSize ? ArrayPool<byte>.Shared.Rent(minimumLength)
        : Blocks.TryDequeue(out var block) ? block
        : PrefaultedArray.Allocate<byte>(BlockSize);

    public static void Return(byte[] block)
    {
        if (block.Length != BlockSize)
        {
            ArrayPool<byte>.Shared.Return(block);
        }
        else if (Blocks.Count < MaxKept)
        {
            Blocks.Enqueue(block);
        }
    }
}
