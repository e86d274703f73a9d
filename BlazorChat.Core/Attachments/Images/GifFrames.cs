namespace BlazorChat.Core.Attachments.Images;

/// <summary>
/// Counts the frames of a GIF by walking its blocks (skipping their data, decoding nothing), so an
/// animation with too many frames is refused before its pixels are decoded. ImageSharp 2.1's
/// <c>Identify</c> reports the size of a GIF but not how many frames it has.
/// </summary>
internal static class GifFrames
{
    private const byte Extension = 0x21;
    private const byte ImageDescriptor = 0x2C;

    /// <summary>The image descriptors in <paramref name="gif"/> up to its trailer or its end, whichever comes first.</summary>
    public static int Count(Stream gif)
    {
        var reader = new BinaryReader(gif);
        try
        {
            reader.ReadBytes(6 + 4);                       // "GIF89a", logical screen width and height
            var screenFlags = reader.ReadByte();
            reader.ReadBytes(2);                           // background colour, aspect ratio
            SkipColorTable(gif, screenFlags);
            var frames = 0;
            while (true)
            {
                switch (reader.ReadByte())
                {
                    case Extension:
                        reader.ReadByte();                 // label
                        SkipSubBlocks(reader);
                        break;
                    case ImageDescriptor:
                        reader.ReadBytes(8);               // left, top, width, height
                        SkipColorTable(gif, reader.ReadByte());
                        reader.ReadByte();                 // LZW minimum code size
                        SkipSubBlocks(reader);
                        frames++;
                        break;
                    default:                               // the trailer, or something a decoder stops at too
                        return frames;
                }
            }
        }
        catch (EndOfStreamException)
        {
            throw new ImageProcessingException("The GIF ends in the middle of a block.");
        }
    }

    private static void SkipColorTable(Stream gif, byte flags)
    {
        if ((flags & 0x80) != 0) Skip(gif, 3 << ((flags & 0x07) + 1));
    }

    private static void SkipSubBlocks(BinaryReader reader)
    {
        int size;
        while ((size = reader.ReadByte()) > 0) Skip(reader.BaseStream, size);
    }

    private static void Skip(Stream stream, int count)
    {
        if (stream.Position + count > stream.Length) throw new EndOfStreamException();
        stream.Seek(count, SeekOrigin.Current);
    }
}
