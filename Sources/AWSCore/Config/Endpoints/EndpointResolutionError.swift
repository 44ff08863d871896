/// Why no endpoint could be chosen for a service.
public enum EndpointResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configured endpoint URL cannot be used.
    case invalidURL(url: String, origin: SettingOrigin, problem: EndpointURLProblem)
    /// The profile's `services = NAME` names a `[services NAME]` section that is missing or empty
    /// (botocore's `InvalidConfigError` from `ConfiguredEndpointProvider._get_services_config`).
    case servicesSectionNotFound(ResolvedSetting<String>, profile: String)
    /// The service's key in a `[services NAME]` section has a plain value instead of an indented block.
    case servicesEntryNotSubsection(service: AWSServiceID, location: ConfigFileLocation)

    /// What is wrong and what to do about it.
    public var description: String {
        switch self {
        case .invalidURL(let url, let origin, let problem):
            return "The endpoint URL \(EndpointURL.redactingUserInfo(url)) (from \(origin)) cannot be used: \(problem)"
        case .servicesSectionNotFound(let name, let profile):
            return "The profile \"\(profile)\" is configured to use the services section but the \"\(name.value)\" "
                + "services configuration does not exist (services = \(name.value), \(name.origin)); add a "
                + "[services \(name.value)] section with an indented block per service, or remove the services line"
        case .servicesEntryNotSubsection(let service, let location):
            return "\(service.servicesSectionKey) (\(location)) must be an indented block, like\n"
                + "  \(service.servicesSectionKey) =\n    endpoint_url = https://…"
        }
    }
}
