namespace RlEnv.Core.Walking;

public enum EntryKind
{
    File,
    Directory,
    Symlink,
    Special,
}
