using System.Text;

namespace FinOps.Core.Ingestion;

/// <summary>
/// Decodes bytes that are not UTF-8 as U+FFFD and remembers that it did, so the CSV cursor can name the line that holds
/// them: a throwing decoder fails where the reader's read-ahead buffer happens to be, lines away from the bad bytes.
/// </summary>
/// <remarks>Costs nothing on valid UTF-8: the fallback runs only for invalid bytes, and rows are searched for U+FFFD only after it ran.</remarks>
internal sealed class InvalidUtf8Fallback : DecoderFallback
{
    public const char Replacement = '\uFFFD';

    /// <summary>Whether any invalid byte has been decoded so far.</summary>
    public bool Seen { get; private set; }

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    private sealed class Buffer(InvalidUtf8Fallback owner) : DecoderFallbackBuffer
    {
        private int _remaining;

        public override int Remaining => _remaining;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.Seen = true;
            _remaining = 1;
            return true;
        }

        public override char GetNextChar()
        {
            if (_remaining == 0)
            {
                return '\0';
            }

            _remaining--;
            return Replacement;
        }

        public override bool MovePrevious()
        {
            if (_remaining > 0)
            {
                return false;
            }

            _remaining++;
            return true;
        }

        public override void Reset() => _remaining = 0;
    }
}
