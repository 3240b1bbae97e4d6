using CommandCenter.Data.Providers;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Imports;

/// <summary>Keeps uploaded files under the import folder until their run ends. Stored names are generated, never the client's.</summary>
public sealed class ImportFileStore(IOptions<ImportOptions> options, IOptions<DatabaseOptions> database)
{
    public string Folder { get; } = ResolveFolder(options.Value, database.Value);

    /// <summary>
    /// Copies the upload to a new file; refuses it (and keeps nothing) when it exceeds <see cref="ImportOptions.MaxFileBytes"/>.
    /// Returns the stored name (relative to <see cref="Folder"/>) and the size.
    /// </summary>
    public async Task<(string StoredFile, long Size)> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension.Length > 10 || extension.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.'))
        {
            extension = string.Empty;
        }
        var stored = $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}{extension}";
        var path = PathOf(stored);
        var limit = options.Value.MaxFileBytes;
        long size = 0;
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > limit)
                {
                    throw new ImportFileTooLargeException(limit);
                }
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return (stored, size);
    }

    public Stream OpenRead(string storedFile) =>
        new FileStream(PathOf(storedFile), FileMode.Open, FileAccess.Read, FileShare.Read, 81920);

    public bool Exists(string storedFile) => File.Exists(PathOf(storedFile));

    public void Delete(string storedFile)
    {
        var path = PathOf(storedFile);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>The full path of a stored name; a name that would leave the folder is refused.</summary>
    public string PathOf(string storedFile)
    {
        if (storedFile.Length == 0 || storedFile != Path.GetFileName(storedFile))
        {
            throw new ArgumentException("Not a stored import file name.", nameof(storedFile));
        }
        return Path.Combine(Folder, storedFile);
    }

    private static string ResolveFolder(ImportOptions options, DatabaseOptions database)
    {
        if (!string.IsNullOrWhiteSpace(options.Folder))
        {
            return Path.GetFullPath(options.Folder);
        }
        return database.DataFolder("imports");
    }
}

/// <summary>The upload is larger than the configured limit.</summary>
public sealed class ImportFileTooLargeException(long limit)
    : Exception($"文件超过上限 {limit / (1024 * 1024)} MB。")
{
    public long Limit { get; } = limit;
}
