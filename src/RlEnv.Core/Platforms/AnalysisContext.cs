using System.IO.Abstractions;
using RlEnv.Core.Packing;
using RlEnv.Core.Python;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Platforms;

/// <summary>What one analysis hands a platform: where the environment is, what was asked, and its .py files read once.</summary>
/// <param name="FileSystem">The file system the walk describes.</param>
/// <param name="Probe">Tells special files from regular ones.</param>
/// <param name="Root">The environment root, a full path.</param>
/// <param name="Request">The request as the front gave it.</param>
/// <param name="Sources">The analysis's .py files, each read once.</param>
public sealed record AnalysisContext(IFileSystem FileSystem, IFileTypeProbe Probe, string Root, PackRequest Request, PythonSources Sources);
