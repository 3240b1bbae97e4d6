namespace CommandCenter.Web.Resources;

/// <summary>
/// The marker type for the registry page (/registry): RegistryResource.resx holds the Chinese (zh-CN, the neutral language)
/// and RegistryResource.en.resx the English text. Inject IStringLocalizer&lt;RegistryResource&gt;.
/// </summary>
public sealed class RegistryResource;
