using System.Formats.Tar;
using System.IO.Pipelines;
using Skiff.Core.Hashing;

namespace Skiff.Runtime.Docker.Build;

/// <summary>
/// Writes a build context as a tar archive: exactly the entries <see cref="BuildContextFiles.List"/>
/// returns, with their modes, and symlinks as symlinks.
/// </summary>
internal static class BuildContextArchive
{
    public static async Task WriteAsync(IReadOnlyList<ContextEntry> entries, Stream destination, CancellationToken cancellationToken)
    {
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // TarWriter reads the entry with lstat: it keeps the mode and writes a symlink as a link, not its target.
            await writer.WriteEntryAsync(entry.FullPath, entry.RelativePath, cancellationToken);
        }
    }

    /// <summary>
    /// Starts writing the archive into a pipe and returns the pipe's reading end at once, so the engine
    /// receives the context as it is read from disk and a large context is never held in memory.
    /// Dispose the result to stop the writer.
    /// </summary>
    public static StreamedArchive Stream(IReadOnlyList<ContextEntry> entries, CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = Task.Run(() => ProduceAsync(pipe.Writer, entries, stop.Token), CancellationToken.None);
        return new StreamedArchive(pipe.Reader, writing, stop);
    }

    private static async Task ProduceAsync(PipeWriter writer, IReadOnlyList<ContextEntry> entries, CancellationToken cancellationToken)
    {
        try
        {
            await using (var stream = writer.AsStream(leaveOpen: true))
                await WriteAsync(entries, stream, cancellationToken);
            await writer.CompleteAsync();
        }
        catch (Exception e)
        {
            // The reading side fails with the same exception, so the upload stops rather than sending half a context.
            await writer.CompleteAsync(e);
            throw;
        }
    }
}

/// <summary>The reading end of an archive being written; disposing it stops the writer.</summary>
internal sealed class StreamedArchive(PipeReader reader, Task writing, CancellationTokenSource stop) : IAsyncDisposable
{
    public Stream Content { get; } = reader.AsStream(leaveOpen: true);

    /// <summary>The writer's failure, if it failed for a reason of its own (an unreadable file), else null.</summary>
    public async Task<Exception?> WriterFailureAsync()
    {
        try
        {
            await writing;
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await reader.CompleteAsync();
        await WriterFailureAsync();
        await Content.DisposeAsync();
        stop.Dispose();
    }
}
