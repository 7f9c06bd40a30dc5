using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace FinOps.Core.Ingestion;

/// <summary>
/// Decompresses a gzip file (one or more members) and checks each member's trailer: the CRC-32 and length of what was
/// decompressed must equal the 8 bytes that follow the member's compressed data. A file that ends before a trailer,
/// a trailer that does not match, corrupt compressed data and bytes after the last member are errors.
/// </summary>
/// <remarks>
/// <see cref="GZipStream"/> returns end of data quietly when the file is cut inside a member, so a truncated export
/// would read as a shorter, valid one. This stream parses the gzip member header itself (RFC 1952, section 2.3) and inflates the
/// body with a raw <see cref="DeflateStream"/> (the native zlib inflater, so reading stays as fast as <see cref="GZipStream"/>).
/// <see cref="DeflateStream"/> does not say how many input bytes it used, only that the deflate data has ended; that end lies
/// in the last chunk of input it took, so the trailer is looked for there: the CRC-32 (System.IO.Hashing) and length of the
/// member's output, as 8 bytes, starting in that chunk. A chance match inside compressed data has probability about 2^-64 per position.
/// </remarks>
internal sealed class VerifiedGzipStream : Stream
{
    private const int BufferBytes = 1 << 16;
    private const int TrailerBytes = 8;

    private readonly string _file;
    private readonly Stream _inner;
    private readonly MemberInput _input;
    private readonly Crc32 _crc = new();
    private byte[] _buffer = new byte[BufferBytes];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private int _lastChunk;
    private bool _innerEnded;
    private DeflateStream? _member;
    private int _members;
    private uint _memberLength;
    private bool _done;

    public VerifiedGzipStream(string file, Stream inner)
    {
        _file = file;
        _inner = inner;
        _input = new MemberInput(this);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_done)
        {
            if (_member is null && !StartMember())
            {
                _done = true;
                break;
            }

            int read;
            try
            {
                read = _member!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                // zlib's own message here ("unsupported compression method") would mislead; the inner exception keeps it.
                throw Damaged($"the compressed data of gzip member {_members} is corrupt near byte {Offset(_start)}", e);
            }

            if (read > 0)
            {
                _crc.Append(buffer[..read]);
                _memberLength = unchecked(_memberLength + (uint)read);
                return read;
            }

            EndMember();
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads the next member's header; false at the clean end of the file (after at least one member).</summary>
    private bool StartMember()
    {
        if (!Available(1))
        {
            if (_members == 0)
            {
                throw Damaged("the file is empty, not gzip data");
            }

            return false;
        }

        _members++;
        var at = Offset(_start);
        if (!Available(2) || _buffer[_start] != 0x1F || _buffer[_start + 1] != 0x8B)
        {
            throw Damaged(_members == 1
                ? "the file is not gzip data"
                : $"the bytes after gzip member {_members - 1} (from byte {at}) are not gzip data");
        }

        var fixedHeader = Take(10, "header");
        if (fixedHeader[2] != 8)
        {
            throw Damaged($"gzip member {_members} uses compression method {fixedHeader[2]}; only deflate (8) exists");
        }

        var flags = fixedHeader[3];
        if ((flags & 0xE0) != 0)
        {
            throw Damaged($"gzip member {_members} has reserved header flags set (byte {at + 3}); the header is corrupt");
        }

        if ((flags & 0x04) != 0)
        {
            var extra = BinaryPrimitives.ReadUInt16LittleEndian(Take(2, "header"));
            Take(extra, "header");
        }

        if ((flags & 0x08) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 0x10) != 0)
        {
            SkipZeroTerminated();
        }

        if ((flags & 0x02) != 0)
        {
            Take(2, "header");
        }

        _crc.Reset();
        _memberLength = 0;
        _member = new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>The deflate data of the member has ended: its trailer must follow, holding the CRC-32 and length of its output.</summary>
    private void EndMember()
    {
        _member!.Dispose();
        _member = null;
        if (_input.Ended)
        {
            throw Damaged($"the file is truncated: it ends at byte {Offset(_end)} inside the compressed data of gzip member {_members}");
        }

        Span<byte> expected = stackalloc byte[TrailerBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], _memberLength);

        // The deflate data ended somewhere in [_lastChunk, _start]; the trailer starts there.
        Available(_start - _lastChunk + TrailerBytes, from: _lastChunk);
        var window = _buffer.AsSpan(_lastChunk, Math.Min(_end, _start + TrailerBytes) - _lastChunk);
        var found = window.IndexOf(expected);
        if (found < 0)
        {
            // Where the deflate data ended is not known, so a cut trailer and a wrong one cannot be told apart.
            throw Damaged($"gzip member {_members} has no valid trailer: the 8 bytes after its compressed data must hold the CRC-32 and " +
                $"length of its {_memberLength} decompressed bytes, and do not (the file is truncated or damaged)");
        }

        _start = _lastChunk + found + TrailerBytes;
    }

    private void SkipZeroTerminated()
    {
        while (true)
        {
            if (Take(1, "header")[0] == 0)
            {
                return;
            }
        }
    }

    private ReadOnlySpan<byte> Take(int count, string part)
    {
        if (!Available(count))
        {
            throw Damaged($"the file is truncated: it ends at byte {Offset(_end)} inside the {part} of gzip member {_members}");
        }

        var taken = _buffer.AsSpan(_start, count);
        _start += count;
        return taken;
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from <paramref name="from"/> (default: the read position), reading as needed.</summary>
    /// <returns>False when the file ends first.</returns>
    private bool Available(int count, int from = -1)
    {
        if (from < 0)
        {
            from = _start;
        }

        while (_end - from < count)
        {
            if (_innerEnded)
            {
                return false;
            }

            if (from > 0)
            {
                // Keep the bytes from `from` on; indexes into the buffer move with them.
                _buffer.AsSpan(from, _end - from).CopyTo(_buffer);
                _bufferOffset += from;
                _start -= from;
                _lastChunk -= from;
                _end -= from;
                from = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = _inner.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _innerEnded = true;
                return false;
            }

            _end += read;
        }

        return true;
    }

    private long Offset(int index) => _bufferOffset + index;

    private FocusFormatException Damaged(string problem, Exception? inner = null) =>
        inner is null ? new(_file, null, null, problem + ".") : new(_file, null, null, problem + ".", inner);

    /// <summary>The compressed bytes of the current member, served to the <see cref="DeflateStream"/> from the shared buffer.</summary>
    private sealed class MemberInput(VerifiedGzipStream owner) : Stream
    {
        /// <summary>Whether the file ended while the inflater still wanted input.</summary>
        public bool Ended { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            if (owner._start == owner._end)
            {
                owner._lastChunk = owner._start;
                if (!owner.Available(1))
                {
                    Ended = true;
                    return 0;
                }
            }

            var count = Math.Min(buffer.Length, owner._end - owner._start);
            owner._lastChunk = owner._start;
            owner._buffer.AsSpan(owner._start, count).CopyTo(buffer);
            owner._start += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
