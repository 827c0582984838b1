using RlEnv.Core.Walking;

namespace RlEnv.Core.Archive;

/// <summary>
/// The member paths of an archive read back, as a tree of names (with <paramref name="foldNames"/>, of collision
/// keys: case and Unicode normalization folded), so that a reader can refuse two members that would land on one
/// file, or a file and a folder of the same name, in either order. A tree rather than a set of every ancestor
/// path keeps memory proportional to the bytes of the names, however deep they go.
/// </summary>
/// <param name="foldNames">Whether names equal under case folding or normalization are one name, as on macOS and Windows.</param>
public sealed class MemberPaths(bool foldNames = true)
{
    private readonly Node _root = new();

    /// <summary>Records one member; returns why it cannot coexist with the earlier ones, or null.</summary>
    public string? Add(string path, bool isFile)
    {
        var segments = path.TrimEnd('/').Split('/');
        var node = _root;
        for (var i = 0; i < segments.Length; i++)
        {
            if (node.IsFile)
            {
                return $"is inside '{PathPortability.Display(string.Join('/', segments[..i]))}', which is a file";
            }

            node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            var key = foldNames ? PathPortability.CollisionKey(segments[i]) : segments[i];
            if (!node.Children.TryGetValue(key, out var child))
            {
                child = new Node();
                node.Children.Add(key, child);
            }

            node = child;
        }

        if (node.Claimed)
        {
            return foldNames ? "duplicates an earlier member (same name, case or normalization)" : "duplicates an earlier member";
        }

        if (isFile && node.Children is { Count: > 0 })
        {
            return "is a file, but earlier members are inside a folder of that name";
        }

        node.Claimed = true;
        node.IsFile = isFile;
        return null;
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children { get; set; }

        public bool IsFile { get; set; }

        public bool Claimed { get; set; }
    }
}
