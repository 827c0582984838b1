using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using RlEnv.Core.Diagnostics;

namespace RlEnv.Core.Validation;

/// <summary>
/// A .bson split: a stream of BSON documents (as mongodump writes). Each is turned into relaxed extended JSON
/// (<see cref="BsonJson"/>, MongoDB.Bson's text) and checked as a record. "Line" is the document's 1-based index.
/// </summary>
public sealed class BsonValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, bool thinkingRequired)
    : PipedValidator(file, split, options, diagnostics)
{
    private const int MaxDocumentBytes = 16 * 1024 * 1024;

    protected override Diagnostic Unreadable(string problem, long line) => DiagnosticCatalog.BsonUnreadablePastDocument(File, problem, line);

    protected override void Read(Stream stream)
    {
        var header = new byte[4];
        for (var index = 1L; ; index++)
        {
            CurrentLine = index;
            var got = stream.ReadAtLeast(header, 4, throwOnEndOfStream: false);
            if (got == 0)
            {
                return;
            }

            var length = got == 4 ? BinaryPrimitives.ReadInt32LittleEndian(header) : -1;
            if (length is < 5 or > MaxDocumentBytes)
            {
                Diagnostics.Add(DiagnosticCatalog.BsonLengthPrefixInvalid(File, index, length));
                return;
            }

            // Pooled: a corrupt length prefix must not cost a fresh 16 MiB array per document.
            var document = ArrayPool<byte>.Shared.Rent(length);
            string json;
            try
            {
                header.CopyTo(document, 0);
                if (stream.ReadAtLeast(document.AsSpan(4, length - 4), length - 4, throwOnEndOfStream: false) != length - 4)
                {
                    Diagnostics.Add(DiagnosticCatalog.BsonDocumentTruncated(File, index));
                    return;
                }

                if (BsonShape.Check(document.AsSpan(0, length)) is { } problem)
                {
                    Diagnostics.Add(DiagnosticCatalog.BsonDocumentMalformed(File, index, problem));
                    return;
                }

                json = BsonJson.Convert(document.AsSpan(0, length));
            }
            catch (Exception e) when (e is FormatException or EndOfStreamException or InvalidOperationException)
            {
                Diagnostics.Add(DiagnosticCatalog.BsonDocumentUnreadable(File, index, e.Message));
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(document);
            }

            var context = new RecordContext(File, index, 0, thinkingRequired, Options);
            Split.Add(RecordValidator.Validate(Encoding.UTF8.GetBytes(json), context, Diagnostics), index);
        }
    }
}
