using System.IO.Abstractions;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RlEnv.Core.Diagnostics;
using RlEnv.Core.Validation;
using RlEnv.Core.Walking;

namespace RlEnv.Core.Conversion;

/// <summary>
/// Converts a JSONL file between record formats, one line at a time (memory bounded by the longest line).
/// Output goes to a temp file renamed at the end: invalid input, or a record with no counterpart in the target,
/// leaves no output, and every part the target cannot hold is reported with the number of records it was left
/// out of rather than dropped silently.
/// </summary>
/// <param name="fileSystem">Where the input is read and the output written.</param>
/// <param name="warningsAsErrors">Which warnings the front reports as errors; a promoted one leaves no output, as an error does.</param>
public sealed class Converter(IFileSystem fileSystem, WarningsAsErrors? warningsAsErrors = null)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 1000, AllowDuplicateProperties = false };

    public ConvertResult Convert(string input, string output, RecordFormat from, RecordFormat to)
    {
        var diagnostics = new DiagnosticBag(warningsAsErrors);
        var display = PathPortability.Display(fileSystem.Path.GetFileName(input));
        if (!fileSystem.File.Exists(input))
        {
            diagnostics.Add(DiagnosticCatalog.ConvertInputMissing(input));
            return new ConvertResult(diagnostics.ToSortedList(), 0, new Dictionary<string, long>(), null);
        }

        var fullOutput = fileSystem.Path.GetFullPath(output);
        var temp = fullOutput + $".{Guid.NewGuid():N}.tmp";
        var dropped = new Dictionary<string, long>(StringComparer.Ordinal);
        var reshaped = new Dictionary<RecordReshaping, long>();
        long records = 0;
        var errors = 0;
        try
        {
            fileSystem.Directory.CreateDirectory(fileSystem.Path.GetDirectoryName(fullOutput)!);
            using (var reader = new StreamReader(fileSystem.File.OpenRead(input), StrictUtf8))
            using (var writer = new StreamWriter(fileSystem.FileStream.New(temp, FileMode.CreateNew, FileAccess.Write), new UTF8Encoding(false)) { NewLine = "\n" })
            {
                var lineNumber = 0;
                while (reader.ReadLine() is { } line)
                {
                    lineNumber++;
                    if (string.IsNullOrWhiteSpace(line))
                    {
                        continue;
                    }

                    var losses = new RecordLosses();
                    var problem = ConvertLine(line, from, to, losses, display, lineNumber, out var converted);
                    if (problem is not null)
                    {
                        if (++errors <= 50)
                        {
                            diagnostics.Add(problem);
                        }

                        continue;
                    }

                    writer.WriteLine(converted);
                    records++;
                    foreach (var part in losses.Dropped)
                    {
                        dropped[part] = dropped.GetValueOrDefault(part) + 1;
                    }

                    foreach (var kind in losses.Reshaped)
                    {
                        reshaped[kind] = reshaped.GetValueOrDefault(kind) + 1;
                    }
                }
            }

            if (errors > 0)
            {
                return new ConvertResult(diagnostics.ToSortedList(), 0, dropped, null);
            }

            foreach (var (field, count) in dropped.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                diagnostics.Add(DiagnosticCatalog.ConvertFieldNotHeld(display, field, to.ToString(), count));
            }

            foreach (var (kind, count) in reshaped.OrderBy(p => p.Key))
            {
                diagnostics.Add(DiagnosticCatalog.ConvertRecordsReshaped(display, kind, count));
            }

            if (diagnostics.HasErrors)
            {
                return new ConvertResult(diagnostics.ToSortedList(), 0, dropped, null);
            }

            fileSystem.File.Move(temp, fullOutput, overwrite: true);
            return new ConvertResult(diagnostics.ToSortedList(), records, dropped, fullOutput);
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(DiagnosticCatalog.ConvertInputNotUtf8(display));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.ConvertFailed(e.Message));
        }
        finally
        {
            if (fileSystem.File.Exists(temp))
            {
                fileSystem.File.Delete(temp);
            }
        }

        return new ConvertResult(diagnostics.ToSortedList(), 0, dropped, null);
    }

    private static Diagnostic? ConvertLine(string line, RecordFormat from, RecordFormat to, RecordLosses losses, string file, int lineNumber, out string converted)
    {
        converted = string.Empty;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line, documentOptions: Strict);
        }
        catch (JsonException e)
        {
            return DiagnosticCatalog.ConvertRecordNotJson(file, JsonErrors.Describe(e), lineNumber);
        }

        if (node is not JsonObject record)
        {
            return DiagnosticCatalog.ConvertRecordNotObject(file, lineNumber);
        }

        var conversation = new Conversation();
        var problem = FormatMapping.Read(from, record, conversation, losses);
        if (problem is not null)
        {
            return DiagnosticCatalog.ConvertRecordNotOfFormat(file, from.ToString(), problem, lineNumber);
        }

        if (FormatMapping.Write(to, conversation, losses) is not { } written)
        {
            return DiagnosticCatalog.ConvertRecordWithoutCounterpart(file, to.ToString(), losses.Missing!.Value, lineNumber);
        }

        converted = written.ToJsonString();
        return null;
    }
}
