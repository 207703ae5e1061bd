using System.Globalization;
using Fluid;
using Microsoft.Extensions.FileProviders;

namespace InvitationKit.Mail;

/// <summary>
/// Finds a template for the culture being rendered: the culture's folder first (<c>ru-RU/</c>), then each parent's
/// (<c>ru/</c>), then the root; at each step the host's sources come before the built-in templates. The same lookup
/// serves the top-level templates and the partials they include (<c>{% include '_roles' %}</c>), so a host overrides
/// any file, for one language or all, by adding a file of the same name.
/// </summary>
internal sealed class MailTemplateFileProvider : ITemplateFileProvider, IDisposable
{
    /// <summary>The namespace the built-in templates are embedded under.</summary>
    public const string BuiltInNamespace = "InvitationKit.Mail.Templates";

    private readonly IFileProvider[] _sources;

    public MailTemplateFileProvider(InvitationMailOptions options)
    {
        var sources = new List<IFileProvider>();
        if (!string.IsNullOrWhiteSpace(options.TemplateDirectory))
        {
            sources.Add(new PhysicalFileProvider(Path.GetFullPath(options.TemplateDirectory)));
        }

        sources.AddRange(options.TemplateProviders);
        sources.Add(new EmbeddedFileProvider(typeof(MailTemplateFileProvider).Assembly, BuiltInNamespace));
        _sources = [.. sources];
    }

    /// <summary>The template at <paramref name="path"/> for <paramref name="culture"/>, or null.</summary>
    public TemplateSourceInfo? Find(string path, CultureInfo culture)
    {
        for (var current = culture; ; current = current.Parent)
        {
            var candidate = current.Name.Length == 0 ? path : current.Name + "/" + path;
            for (var i = 0; i < _sources.Length; i++)
            {
                var file = _sources[i].GetFileInfo(candidate);
                if (file.Exists && !file.IsDirectory)
                {
                    return new TemplateSourceInfo(file.LastModified, _ => ValueTask.FromResult(file.CreateReadStream()), $"{i}:{candidate}");
                }
            }

            if (current.Name.Length == 0)
            {
                return null;
            }
        }
    }

    public void Dispose()
    {
        foreach (var source in _sources.OfType<IDisposable>())
        {
            source.Dispose();
        }
    }

    public ValueTask<TemplateSourceInfo> GetFileInfoAsync(string subpath, TemplateContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Find(subpath.TrimStart('/'), context.CultureInfo)!);
    }
}
