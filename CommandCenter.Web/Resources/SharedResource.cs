using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the app's UI strings: SharedResource.resx holds the Chinese (zh-CN, the neutral
/// language) and SharedResource.en.resx the English text. Inject IStringLocalizer&lt;SharedResource&gt;.
/// </summary>
public sealed class SharedResource;
