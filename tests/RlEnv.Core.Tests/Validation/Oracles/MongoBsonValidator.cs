using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using MongoDB.Bson.Serialization;
using RlEnv.Core.Diagnostics;

using RlEnv.Core.Validation;

namespace RlEnv.Core.Tests.Validation.Oracles;

/// <summary>
/// The .bson validator as it was with MongoDB.Bson (before the native tool): the oracle BsonValidator must agree with.
/// </summary>
public sealed class MongoBsonValidator(string file, SplitAccumulator split, ValidationOptions options, DiagnosticLimiter diagnostics, bool thinkingRequired)
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

                using var bytes = new MemoryStream(document, 0, length, writable: false);
                json = BsonSerializer.Deserialize<BsonDocument>(bytes).ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.RelaxedExtendedJson });
            }
            catch (Exception e) when (e is FormatException or BsonSerializationException or EndOfStreamException or InvalidOperationException)
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
