function __loupe_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __loupe_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __loupe_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __loupe_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __loupe_parse_tokens -S
    set -l unparsed_tokens (__loupe_tokens -pc)
    switch $unparsed_tokens[1]
    case 'loupe'
        __loupe_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'observe'
            __loupe_parse_subcommand 1 'input-file=' 'server=+' 'demo' 'request-timeout=' 'tls' 'tls-server-name=' 'tls-ca-cert-files=+' 'tls-client-cert-file=' 'tls-client-key-file=' 'tls-allow-insecure' 'basic-auth-username=' 'basic-auth-password=' 'merge-window=' 'merge-delay=' 'last=' 'first=' 'all' 'f/follow' 'since=' 'until=' 'o/output=' 'color=' 'print-node-name' 'time-format=' 'numeric' 'ip-translation=' 'print-policy-names' 'D/debug' 's/silent-errors' 'field-mask=+' 'use-default-field-masks=' 'filter=+' 'explain' 'not' 'uuid=+' 'node-name=+' 'node-label=+' 'cluster=+' 'from-cluster=+' 'to-cluster=+' 'ip=+' 'from-ip=+' 'to-ip=+' 'snat-ip=+' '4/ipv4' '6/ipv6' 'ip-version=+' 'fqdn=+' 'from-fqdn=+' 'to-fqdn=+' 'pod=+' 'from-pod=+' 'to-pod=+' 'n/namespace=+' 'from-namespace=+' 'to-namespace=+' 'A/all-namespaces' 'from-all-namespaces' 'to-all-namespaces' 'l/label=+' 'from-label=+' 'to-label=+' 'service=+' 'from-service=+' 'to-service=+' 'workload=+' 'from-workload=+' 'to-workload=+' 'verdict=+' 'drop-reason-desc=+' 'http-status=+' 'http-method=+' 'http-path=+' 'http-url=+' 'http-header=+' 'protocol=+' 'port=+' 'from-port=+' 'to-port=+' 't/type=+' 'identity=+' 'from-identity=+' 'to-identity=+' 'tcp-flags=+' 'traffic-direction=+' 'trace-id=+' 'ip-trace-id=+' 'interface=+' 'encrypted' 'unencrypted' 'cel-expression=+' 'allowlist=+' 'denylist=+' 'print-raw-filters' 'version' 'h/help'
        case 'top'
            __loupe_parse_subcommand 1 'input-file=' 'server=+' 'demo' 'request-timeout=' 'tls' 'tls-server-name=' 'tls-ca-cert-files=+' 'tls-client-cert-file=' 'tls-client-key-file=' 'tls-allow-insecure' 'basic-auth-username=' 'basic-auth-password=' 'merge-window=' 'merge-delay=' 'last=' 'first=' 'all' 'f/follow' 'since=' 'until=' 'o/output=' 'color=' 'print-node-name' 'time-format=' 'numeric' 'ip-translation=' 'print-policy-names' 'D/debug' 's/silent-errors' 'field-mask=+' 'use-default-field-masks=' 'filter=+' 'explain' 'not' 'uuid=+' 'node-name=+' 'node-label=+' 'cluster=+' 'from-cluster=+' 'to-cluster=+' 'ip=+' 'from-ip=+' 'to-ip=+' 'snat-ip=+' '4/ipv4' '6/ipv6' 'ip-version=+' 'fqdn=+' 'from-fqdn=+' 'to-fqdn=+' 'pod=+' 'from-pod=+' 'to-pod=+' 'n/namespace=+' 'from-namespace=+' 'to-namespace=+' 'A/all-namespaces' 'from-all-namespaces' 'to-all-namespaces' 'l/label=+' 'from-label=+' 'to-label=+' 'service=+' 'from-service=+' 'to-service=+' 'workload=+' 'from-workload=+' 'to-workload=+' 'verdict=+' 'drop-reason-desc=+' 'http-status=+' 'http-method=+' 'http-path=+' 'http-url=+' 'http-header=+' 'protocol=+' 'port=+' 'from-port=+' 'to-port=+' 't/type=+' 'identity=+' 'from-identity=+' 'to-identity=+' 'tcp-flags=+' 'traffic-direction=+' 'trace-id=+' 'ip-trace-id=+' 'interface=+' 'encrypted' 'unencrypted' 'cel-expression=+' 'allowlist=+' 'denylist=+' 'print-raw-filters' 'history=' 'monochrome' 'version' 'h/help'
        case 'status'
            __loupe_parse_subcommand 0 'server=+' 'demo' 'request-timeout=' 'tls' 'tls-server-name=' 'tls-ca-cert-files=+' 'tls-client-cert-file=' 'tls-client-key-file=' 'tls-allow-insecure' 'basic-auth-username=' 'basic-auth-password=' 'merge-window=' 'merge-delay=' 'version' 'h/help'
        case 'list'
            __loupe_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'nodes'
                __loupe_parse_subcommand 0 'server=+' 'demo' 'request-timeout=' 'tls' 'tls-server-name=' 'tls-ca-cert-files=+' 'tls-client-cert-file=' 'tls-client-key-file=' 'tls-allow-insecure' 'basic-auth-username=' 'basic-auth-password=' 'merge-window=' 'merge-delay=' 'o/output=' 'version' 'h/help'
            case 'namespaces'
                __loupe_parse_subcommand 0 'server=+' 'demo' 'request-timeout=' 'tls' 'tls-server-name=' 'tls-ca-cert-files=+' 'tls-client-cert-file=' 'tls-client-key-file=' 'tls-allow-insecure' 'basic-auth-username=' 'basic-auth-password=' 'merge-window=' 'merge-delay=' 'o/output=' 'version' 'h/help'
            end
        case 'filter'
            __loupe_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __loupe_parse_subcommand 1 'version' 'h/help'
            case 'explain'
                __loupe_parse_subcommand 1 'o/output=' 'version' 'h/help'
            case 'fields'
                __loupe_parse_subcommand 0 'version' 'h/help'
            end
        case 'config'
            __loupe_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'view'
                __loupe_parse_subcommand 0 'version' 'h/help'
            end
        case 'version'
            __loupe_parse_subcommand 0 'version' 'h/help'
        case 'help'
            __loupe_parse_subcommand -r 1 'version'
        end
    end
end

function __loupe_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __loupe_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __loupe_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __loupe_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__loupe_tokens -p)
    if test -z "$(__loupe_tokens -t)"
        set -l index (count (__loupe_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'loupe' -f
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'observe' -d 'Observe flows: a one-shot query or a live tail.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'top' -d 'A live dashboard: flows coloured by verdict, talkers, drops by namespace and reason, nodes.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'status' -d 'Show a server\'s health and flow buffer: flows held, capacity, rate, nodes, version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'list' -d 'List the nodes a server knows, or the namespaces its flows came from.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'filter' -d 'Check, explain and list what filter expressions can say.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'config' -d 'Show the settings from the environment and the config file.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'version' -d 'Show the version, the git revision it was built from, the Swift version and the platform.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" input-file' -l 'input-file' -d 'Read flows from a file of hubble JSON lines (- for standard input).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'server' -d 'A Hubble server: host:port, tls://host:port, unix:///path; repeat it to merge several (default: $LOUPE_SERVER, $HUBBLE_SERVER, localhost:4245).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" demo' -l 'demo' -d 'Run an agent with the seed scenario inside loupe and read from it: no cluster needed.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" request-timeout' -l 'request-timeout' -d 'Deadline of unary calls (status, list), e.g. 12s or 500ms.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" tls' -l 'tls' -d 'Connect with TLS (also for an address written tls://host:port).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" tls-server-name' -l 'tls-server-name' -d 'The name the server\'s certificate must carry, when it is not the address\'s host.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'tls-ca-cert-files' -d 'PEM certificate authorities to trust instead of the system\'s (repeatable, or comma-separated).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" tls-client-cert-file' -l 'tls-client-cert-file' -d 'A PEM client certificate, for servers that ask for one (mTLS).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" tls-client-key-file' -l 'tls-client-key-file' -d 'The PEM key of --tls-client-cert-file.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" tls-allow-insecure' -l 'tls-allow-insecure' -d 'Accept any server certificate (testing only: the connection is not authenticated).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" basic-auth-username' -l 'basic-auth-username' -d 'Basic authentication user name (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" basic-auth-password' -l 'basic-auth-password' -d 'Basic authentication password (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" merge-window' -l 'merge-window' -d 'With several servers: flows held per server to put them in time order.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" merge-delay' -l 'merge-delay' -d 'With several servers, while following: how long a flow waits for a quiet server before it is printed.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" last' -l 'last' -d 'Print the last N flows (default 20 from a server; everything from a file).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" first' -l 'first' -d 'Print the first N flows.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" all' -l 'all' -d 'Print every flow.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" f follow' -s 'f' -l 'follow' -d 'Follow the flow stream (a file is read to its end).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" since' -l 'since' -d 'Only flows at or after this time: a duration before now (30s, 5m, 1h30m) or an RFC 3339 time (2025-04-27T11:27:13Z).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" until' -l 'until' -d 'Only flows at or before this time (same forms as --since).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" o output' -s 'o' -l 'output' -d 'Output format: compact, dict, table (or tab), jsonpb, json.' -rfka 'compact dict table json jsonpb'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" color' -l 'color' -d 'Colour: auto, always or never (NO_COLOR is honoured).' -rfka 'auto always never'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" print-node-name' -l 'print-node-name' -d 'Print the node name of each flow.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" time-format' -l 'time-format' -d 'Time layout: StampMilli, YearMonthDay, YearMonthDayHour, YearMonthDayHourMinute, RFC3339, RFC3339Milli, RFC3339Micro, RFC3339Nano, RFC1123Z.' -rfka 'StampMilli YearMonthDay YearMonthDayHour YearMonthDayHourMinute RFC3339 RFC3339Milli RFC3339Micro RFC3339Nano RFC1123Z'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" numeric' -l 'numeric' -d 'Show IP addresses instead of pod, service and DNS names.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" ip-translation' -l 'ip-translation' -d 'Translate IP addresses to names (true or false).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" print-policy-names' -l 'print-policy-names' -d 'Print the policies that allowed or denied a policy verdict.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" D debug' -s 'D' -l 'debug' -d 'Print every node status event, not only errors.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" s silent-errors' -s 's' -l 'silent-errors' -d 'Do not print node status errors.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'field-mask' -d 'Ask the server for only these fields (proto names, comma-separated, repeatable; JSON output only), e.g. time,verdict,source.pod_name.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" use-default-field-masks' -l 'use-default-field-masks' -d 'Ask a server only for the fields compact, dict and table print, as hubble does (false: every field).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe observe" -eq 1' -fka '(__loupe_custom_completion ---completion observe -- positional@0 (count (__loupe_tokens -pc)) (__loupe_tokens -tC))'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'filter' -d 'A filter expression; repeated expressions, and EXPR, must all hold.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" explain' -l 'explain' -d 'Print how the filters split between the server and loupe, then exit.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'not' -d 'Send the next filter flag to the deny list (--not --namespace kube-system)'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'uuid' -d 'Flows with this flow UUID' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'node-name' -d 'Flows seen on these nodes: [cluster/]node, \'*\' as a wildcard (kind-*)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'node-label' -d 'Flows seen on nodes whose labels match this selector' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'cluster' -d 'Flows from or to endpoints in this cluster' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-cluster' -d 'Flows from endpoints in this cluster' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-cluster' -d 'Flows to endpoints in this cluster' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'ip' -d 'Flows from or to this address or CIDR (10.0.0.1, 10.0.0.0/8)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-ip' -d 'Flows from this address or CIDR' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-ip' -d 'Flows to this address or CIDR' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'snat-ip' -d 'Flows whose source was translated to this address or CIDR' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -s '4' -l 'ipv4' -d 'IPv4 flows only'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -s '6' -l 'ipv6' -d 'IPv6 flows only'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'ip-version' -d 'Flows of this IP version: v4, v6, or none for non-IP traffic' -rfka 'v4 v6 none'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'fqdn' -d 'Flows from or to this DNS name (\'*\' as a wildcard: *.cilium.io)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-fqdn' -d 'Flows from this DNS name' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-fqdn' -d 'Flows to this DNS name' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'pod' -d 'Flows from or to pods whose name starts with this ([namespace/]prefix)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-pod' -d 'Flows from pods whose name starts with this ([namespace/]prefix)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-pod' -d 'Flows to pods whose name starts with this ([namespace/]prefix)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -s 'n' -l 'namespace' -d 'Flows from or to this Kubernetes namespace' -rfka '(__loupe_custom_completion ---completion observe -- --namespace (count (__loupe_tokens -pc)) (__loupe_tokens -tC))'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-namespace' -d 'Flows from this namespace' -rfka '(__loupe_custom_completion ---completion observe -- --from-namespace (count (__loupe_tokens -pc)) (__loupe_tokens -tC))'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-namespace' -d 'Flows to this namespace' -rfka '(__loupe_custom_completion ---completion observe -- --to-namespace (count (__loupe_tokens -pc)) (__loupe_tokens -tC))'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -s 'A' -l 'all-namespaces' -d 'Flows from or to any namespace'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-all-namespaces' -d 'Flows from any namespace'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-all-namespaces' -d 'Flows to any namespace'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -s 'l' -l 'label' -d 'Flows from or to endpoints whose labels match this selector (k8s:app=echo, reserved:world)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-label' -d 'Flows from endpoints whose labels match this selector' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-label' -d 'Flows to endpoints whose labels match this selector' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'service' -d 'Flows from or to this service ([namespace/]name prefix)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-service' -d 'Flows from this service' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-service' -d 'Flows to this service' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'workload' -d 'Flows from or to endpoints of this workload (name, kind/name or kind/)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-workload' -d 'Flows from endpoints of this workload' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-workload' -d 'Flows to endpoints of this workload' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'verdict' -d 'Flows with this verdict: FORWARDED, DROPPED, ERROR, AUDIT, REDIRECTED, TRACED, TRANSLATED' -rfka 'FORWARDED DROPPED ERROR AUDIT REDIRECTED TRACED TRANSLATED'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'drop-reason-desc' -d 'Dropped flows with this drop reason (POLICY_DENIED)' -rfka 'INVALID_SOURCE_MAC INVALID_DESTINATION_MAC INVALID_SOURCE_IP POLICY_DENIED INVALID_PACKET_DROPPED CT_TRUNCATED_OR_INVALID_HEADER CT_MISSING_TCP_ACK_FLAG CT_UNKNOWN_L4_PROTOCOL CT_CANNOT_CREATE_ENTRY_FROM_PACKET UNSUPPORTED_L3_PROTOCOL MISSED_TAIL_CALL ERROR_WRITING_TO_PACKET UNKNOWN_L4_PROTOCOL UNKNOWN_ICMPV4_CODE UNKNOWN_ICMPV4_TYPE UNKNOWN_ICMPV6_CODE UNKNOWN_ICMPV6_TYPE ERROR_RETRIEVING_TUNNEL_KEY ERROR_RETRIEVING_TUNNEL_OPTIONS INVALID_GENEVE_OPTION UNKNOWN_L3_TARGET_ADDRESS STALE_OR_UNROUTABLE_IP NO_MATCHING_LOCAL_CONTAINER_FOUND ERROR_WHILE_CORRECTING_L3_CHECKSUM ERROR_WHILE_CORRECTING_L4_CHECKSUM CT_MAP_INSERTION_FAILED INVALID_IPV6_EXTENSION_HEADER IP_FRAGMENTATION_NOT_SUPPORTED SERVICE_BACKEND_NOT_FOUND NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT FAILED_TO_INSERT_INTO_PROXYMAP REACHED_EDT_RATE_LIMITING_DROP_HORIZON UNKNOWN_CONNECTION_TRACKING_STATE LOCAL_HOST_IS_UNREACHABLE NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION UNSUPPORTED_L2_PROTOCOL NO_MAPPING_FOR_NAT_MASQUERADE UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE FIB_LOOKUP_FAILED ENCAPSULATION_TRAFFIC_IS_PROHIBITED INVALID_IDENTITY UNKNOWN_SENDER NAT_NOT_NEEDED IS_A_CLUSTERIP FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND FORBIDDEN_ICMPV6_MESSAGE DENIED_BY_LB_SRC_RANGE_CHECK SOCKET_LOOKUP_FAILED SOCKET_ASSIGN_FAILED PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL POLICY_DENY VLAN_FILTERED INVALID_VNI INVALID_TC_BUFFER NO_SID MISSING_SRV6_STATE NAT46 NAT64 AUTH_REQUIRED CT_NO_MAP_FOUND SNAT_NO_MAP_FOUND INVALID_CLUSTER_ID UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP NO_EGRESS_GATEWAY UNENCRYPTED_TRAFFIC TTL_EXCEEDED NO_NODE_ID DROP_RATE_LIMITED IGMP_HANDLED IGMP_SUBSCRIBED MULTICAST_HANDLED DROP_HOST_NOT_READY DROP_EP_NOT_READY DROP_NO_EGRESS_IP DROP_PUNT_PROXY'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'http-status' -d 'HTTP flows with this status code (404) or code prefix (5+)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'http-method' -d 'HTTP flows with this method, in any case' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'http-path' -d 'HTTP flows whose URL path matches this RE2 regular expression' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'http-url' -d 'HTTP flows whose URL matches this RE2 regular expression' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'http-header' -d 'HTTP flows with this header, as name:value' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'protocol' -d 'Flows of this L4 or L7 protocol (tcp, udp, icmp, http, dns, …)' -rfka 'tcp udp sctp icmp icmpv4 icmpv6 vrrp igmp http dns kafka'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'port' -d 'Flows with this source or destination port' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-port' -d 'Flows with this source port' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-port' -d 'Flows with this destination port' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -s 't' -l 'type' -d 'Flows of this event type, TYPE[:SUBTYPE] (drop, trace:to-endpoint, policy-verdict, l7, trace-sock, capture, debug, agent)' -rfka 'drop debug capture trace policy-verdict trace-sock l7 agent'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'identity' -d 'Flows from or to this security identity (a number or a reserved name: world, host, …)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'from-identity' -d 'Flows from this security identity' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'to-identity' -d 'Flows to this security identity' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'tcp-flags' -d 'TCP flows with all these flags set (syn,ack)' -rfka 'syn fin rst psh ack urg ece cwr ns'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'traffic-direction' -d 'Flows in this direction: ingress or egress' -rfka 'ingress egress'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'trace-id' -d 'Flows with this trace ID' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'ip-trace-id' -d 'Flows with this IP trace ID' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'interface' -d 'Flows seen at this network interface' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'encrypted' -d 'Encrypted flows only'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'unencrypted' -d 'Unencrypted flows only'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'cel-expression' -d 'A CEL expression (not supported: use the filter expression)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'allowlist' -d 'Allow-list FlowFilters as JSON (several may follow each other)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe"' -l 'denylist' -d 'Deny-list FlowFilters as JSON (several may follow each other)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" print-raw-filters' -l 'print-raw-filters' -d 'Print the allow and deny lists the filter flags build, as YAML (hubble\'s form), then exit.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe observe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" input-file' -l 'input-file' -d 'Read flows from a file of hubble JSON lines (- for standard input).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'server' -d 'A Hubble server: host:port, tls://host:port, unix:///path; repeat it to merge several (default: $LOUPE_SERVER, $HUBBLE_SERVER, localhost:4245).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" demo' -l 'demo' -d 'Run an agent with the seed scenario inside loupe and read from it: no cluster needed.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" request-timeout' -l 'request-timeout' -d 'Deadline of unary calls (status, list), e.g. 12s or 500ms.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" tls' -l 'tls' -d 'Connect with TLS (also for an address written tls://host:port).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" tls-server-name' -l 'tls-server-name' -d 'The name the server\'s certificate must carry, when it is not the address\'s host.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'tls-ca-cert-files' -d 'PEM certificate authorities to trust instead of the system\'s (repeatable, or comma-separated).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" tls-client-cert-file' -l 'tls-client-cert-file' -d 'A PEM client certificate, for servers that ask for one (mTLS).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" tls-client-key-file' -l 'tls-client-key-file' -d 'The PEM key of --tls-client-cert-file.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" tls-allow-insecure' -l 'tls-allow-insecure' -d 'Accept any server certificate (testing only: the connection is not authenticated).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" basic-auth-username' -l 'basic-auth-username' -d 'Basic authentication user name (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" basic-auth-password' -l 'basic-auth-password' -d 'Basic authentication password (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" merge-window' -l 'merge-window' -d 'With several servers: flows held per server to put them in time order.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" merge-delay' -l 'merge-delay' -d 'With several servers, while following: how long a flow waits for a quiet server before it is printed.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" last' -l 'last' -d 'Print the last N flows (default 20 from a server; everything from a file).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" first' -l 'first' -d 'Print the first N flows.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" all' -l 'all' -d 'Print every flow.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" f follow' -s 'f' -l 'follow' -d 'Follow the flow stream (a file is read to its end).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" since' -l 'since' -d 'Only flows at or after this time: a duration before now (30s, 5m, 1h30m) or an RFC 3339 time (2025-04-27T11:27:13Z).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" until' -l 'until' -d 'Only flows at or before this time (same forms as --since).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" o output' -s 'o' -l 'output' -d 'Output format: compact, dict, table (or tab), jsonpb, json.' -rfka 'compact dict table json jsonpb'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" color' -l 'color' -d 'Colour: auto, always or never (NO_COLOR is honoured).' -rfka 'auto always never'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" print-node-name' -l 'print-node-name' -d 'Print the node name of each flow.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" time-format' -l 'time-format' -d 'Time layout: StampMilli, YearMonthDay, YearMonthDayHour, YearMonthDayHourMinute, RFC3339, RFC3339Milli, RFC3339Micro, RFC3339Nano, RFC1123Z.' -rfka 'StampMilli YearMonthDay YearMonthDayHour YearMonthDayHourMinute RFC3339 RFC3339Milli RFC3339Micro RFC3339Nano RFC1123Z'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" numeric' -l 'numeric' -d 'Show IP addresses instead of pod, service and DNS names.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" ip-translation' -l 'ip-translation' -d 'Translate IP addresses to names (true or false).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" print-policy-names' -l 'print-policy-names' -d 'Print the policies that allowed or denied a policy verdict.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" D debug' -s 'D' -l 'debug' -d 'Print every node status event, not only errors.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" s silent-errors' -s 's' -l 'silent-errors' -d 'Do not print node status errors.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'field-mask' -d 'Ask the server for only these fields (proto names, comma-separated, repeatable; JSON output only), e.g. time,verdict,source.pod_name.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" use-default-field-masks' -l 'use-default-field-masks' -d 'Ask a server only for the fields compact, dict and table print, as hubble does (false: every field).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe top" -eq 1' -fka '(__loupe_custom_completion ---completion top -- positional@0 (count (__loupe_tokens -pc)) (__loupe_tokens -tC))'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'filter' -d 'A filter expression; repeated expressions, and EXPR, must all hold.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" explain' -l 'explain' -d 'Print how the filters split between the server and loupe, then exit.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'not' -d 'Send the next filter flag to the deny list (--not --namespace kube-system)'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'uuid' -d 'Flows with this flow UUID' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'node-name' -d 'Flows seen on these nodes: [cluster/]node, \'*\' as a wildcard (kind-*)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'node-label' -d 'Flows seen on nodes whose labels match this selector' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'cluster' -d 'Flows from or to endpoints in this cluster' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-cluster' -d 'Flows from endpoints in this cluster' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-cluster' -d 'Flows to endpoints in this cluster' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'ip' -d 'Flows from or to this address or CIDR (10.0.0.1, 10.0.0.0/8)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-ip' -d 'Flows from this address or CIDR' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-ip' -d 'Flows to this address or CIDR' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'snat-ip' -d 'Flows whose source was translated to this address or CIDR' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -s '4' -l 'ipv4' -d 'IPv4 flows only'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -s '6' -l 'ipv6' -d 'IPv6 flows only'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'ip-version' -d 'Flows of this IP version: v4, v6, or none for non-IP traffic' -rfka 'v4 v6 none'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'fqdn' -d 'Flows from or to this DNS name (\'*\' as a wildcard: *.cilium.io)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-fqdn' -d 'Flows from this DNS name' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-fqdn' -d 'Flows to this DNS name' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'pod' -d 'Flows from or to pods whose name starts with this ([namespace/]prefix)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-pod' -d 'Flows from pods whose name starts with this ([namespace/]prefix)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-pod' -d 'Flows to pods whose name starts with this ([namespace/]prefix)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -s 'n' -l 'namespace' -d 'Flows from or to this Kubernetes namespace' -rfka '(__loupe_custom_completion ---completion top -- --namespace (count (__loupe_tokens -pc)) (__loupe_tokens -tC))'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-namespace' -d 'Flows from this namespace' -rfka '(__loupe_custom_completion ---completion top -- --from-namespace (count (__loupe_tokens -pc)) (__loupe_tokens -tC))'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-namespace' -d 'Flows to this namespace' -rfka '(__loupe_custom_completion ---completion top -- --to-namespace (count (__loupe_tokens -pc)) (__loupe_tokens -tC))'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -s 'A' -l 'all-namespaces' -d 'Flows from or to any namespace'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-all-namespaces' -d 'Flows from any namespace'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-all-namespaces' -d 'Flows to any namespace'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -s 'l' -l 'label' -d 'Flows from or to endpoints whose labels match this selector (k8s:app=echo, reserved:world)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-label' -d 'Flows from endpoints whose labels match this selector' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-label' -d 'Flows to endpoints whose labels match this selector' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'service' -d 'Flows from or to this service ([namespace/]name prefix)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-service' -d 'Flows from this service' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-service' -d 'Flows to this service' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'workload' -d 'Flows from or to endpoints of this workload (name, kind/name or kind/)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-workload' -d 'Flows from endpoints of this workload' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-workload' -d 'Flows to endpoints of this workload' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'verdict' -d 'Flows with this verdict: FORWARDED, DROPPED, ERROR, AUDIT, REDIRECTED, TRACED, TRANSLATED' -rfka 'FORWARDED DROPPED ERROR AUDIT REDIRECTED TRACED TRANSLATED'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'drop-reason-desc' -d 'Dropped flows with this drop reason (POLICY_DENIED)' -rfka 'INVALID_SOURCE_MAC INVALID_DESTINATION_MAC INVALID_SOURCE_IP POLICY_DENIED INVALID_PACKET_DROPPED CT_TRUNCATED_OR_INVALID_HEADER CT_MISSING_TCP_ACK_FLAG CT_UNKNOWN_L4_PROTOCOL CT_CANNOT_CREATE_ENTRY_FROM_PACKET UNSUPPORTED_L3_PROTOCOL MISSED_TAIL_CALL ERROR_WRITING_TO_PACKET UNKNOWN_L4_PROTOCOL UNKNOWN_ICMPV4_CODE UNKNOWN_ICMPV4_TYPE UNKNOWN_ICMPV6_CODE UNKNOWN_ICMPV6_TYPE ERROR_RETRIEVING_TUNNEL_KEY ERROR_RETRIEVING_TUNNEL_OPTIONS INVALID_GENEVE_OPTION UNKNOWN_L3_TARGET_ADDRESS STALE_OR_UNROUTABLE_IP NO_MATCHING_LOCAL_CONTAINER_FOUND ERROR_WHILE_CORRECTING_L3_CHECKSUM ERROR_WHILE_CORRECTING_L4_CHECKSUM CT_MAP_INSERTION_FAILED INVALID_IPV6_EXTENSION_HEADER IP_FRAGMENTATION_NOT_SUPPORTED SERVICE_BACKEND_NOT_FOUND NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT FAILED_TO_INSERT_INTO_PROXYMAP REACHED_EDT_RATE_LIMITING_DROP_HORIZON UNKNOWN_CONNECTION_TRACKING_STATE LOCAL_HOST_IS_UNREACHABLE NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION UNSUPPORTED_L2_PROTOCOL NO_MAPPING_FOR_NAT_MASQUERADE UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE FIB_LOOKUP_FAILED ENCAPSULATION_TRAFFIC_IS_PROHIBITED INVALID_IDENTITY UNKNOWN_SENDER NAT_NOT_NEEDED IS_A_CLUSTERIP FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND FORBIDDEN_ICMPV6_MESSAGE DENIED_BY_LB_SRC_RANGE_CHECK SOCKET_LOOKUP_FAILED SOCKET_ASSIGN_FAILED PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL POLICY_DENY VLAN_FILTERED INVALID_VNI INVALID_TC_BUFFER NO_SID MISSING_SRV6_STATE NAT46 NAT64 AUTH_REQUIRED CT_NO_MAP_FOUND SNAT_NO_MAP_FOUND INVALID_CLUSTER_ID UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP NO_EGRESS_GATEWAY UNENCRYPTED_TRAFFIC TTL_EXCEEDED NO_NODE_ID DROP_RATE_LIMITED IGMP_HANDLED IGMP_SUBSCRIBED MULTICAST_HANDLED DROP_HOST_NOT_READY DROP_EP_NOT_READY DROP_NO_EGRESS_IP DROP_PUNT_PROXY'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'http-status' -d 'HTTP flows with this status code (404) or code prefix (5+)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'http-method' -d 'HTTP flows with this method, in any case' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'http-path' -d 'HTTP flows whose URL path matches this RE2 regular expression' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'http-url' -d 'HTTP flows whose URL matches this RE2 regular expression' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'http-header' -d 'HTTP flows with this header, as name:value' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'protocol' -d 'Flows of this L4 or L7 protocol (tcp, udp, icmp, http, dns, …)' -rfka 'tcp udp sctp icmp icmpv4 icmpv6 vrrp igmp http dns kafka'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'port' -d 'Flows with this source or destination port' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-port' -d 'Flows with this source port' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-port' -d 'Flows with this destination port' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -s 't' -l 'type' -d 'Flows of this event type, TYPE[:SUBTYPE] (drop, trace:to-endpoint, policy-verdict, l7, trace-sock, capture, debug, agent)' -rfka 'drop debug capture trace policy-verdict trace-sock l7 agent'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'identity' -d 'Flows from or to this security identity (a number or a reserved name: world, host, …)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'from-identity' -d 'Flows from this security identity' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'to-identity' -d 'Flows to this security identity' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'tcp-flags' -d 'TCP flows with all these flags set (syn,ack)' -rfka 'syn fin rst psh ack urg ece cwr ns'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'traffic-direction' -d 'Flows in this direction: ingress or egress' -rfka 'ingress egress'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'trace-id' -d 'Flows with this trace ID' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'ip-trace-id' -d 'Flows with this IP trace ID' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'interface' -d 'Flows seen at this network interface' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'encrypted' -d 'Encrypted flows only'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'unencrypted' -d 'Unencrypted flows only'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'cel-expression' -d 'A CEL expression (not supported: use the filter expression)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'allowlist' -d 'Allow-list FlowFilters as JSON (several may follow each other)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top"' -l 'denylist' -d 'Deny-list FlowFilters as JSON (several may follow each other)' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" print-raw-filters' -l 'print-raw-filters' -d 'Print the allow and deny lists the filter flags build, as YAML (hubble\'s form), then exit.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" history' -l 'history' -d 'Flows the dashboard keeps for its views.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" monochrome' -l 'monochrome' -d 'No colours (also with NO_COLOR set, or --color never).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe top" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status"' -l 'server' -d 'A Hubble server: host:port, tls://host:port, unix:///path; repeat it to merge several (default: $LOUPE_SERVER, $HUBBLE_SERVER, localhost:4245).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" demo' -l 'demo' -d 'Run an agent with the seed scenario inside loupe and read from it: no cluster needed.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" request-timeout' -l 'request-timeout' -d 'Deadline of unary calls (status, list), e.g. 12s or 500ms.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" tls' -l 'tls' -d 'Connect with TLS (also for an address written tls://host:port).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" tls-server-name' -l 'tls-server-name' -d 'The name the server\'s certificate must carry, when it is not the address\'s host.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status"' -l 'tls-ca-cert-files' -d 'PEM certificate authorities to trust instead of the system\'s (repeatable, or comma-separated).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" tls-client-cert-file' -l 'tls-client-cert-file' -d 'A PEM client certificate, for servers that ask for one (mTLS).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" tls-client-key-file' -l 'tls-client-key-file' -d 'The PEM key of --tls-client-cert-file.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" tls-allow-insecure' -l 'tls-allow-insecure' -d 'Accept any server certificate (testing only: the connection is not authenticated).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" basic-auth-username' -l 'basic-auth-username' -d 'Basic authentication user name (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" basic-auth-password' -l 'basic-auth-password' -d 'Basic authentication password (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" merge-window' -l 'merge-window' -d 'With several servers: flows held per server to put them in time order.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" merge-delay' -l 'merge-delay' -d 'With several servers, while following: how long a flow waits for a quiet server before it is printed.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe list" -eq 1' -fa 'nodes' -d 'List the nodes behind a server (GetNodes: Hubble Relay and loupe-agent answer it; a Cilium agent does not).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe list" -eq 1' -fa 'namespaces' -d 'List the namespaces seen in flows during the last hour (GetNamespaces).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes"' -l 'server' -d 'A Hubble server: host:port, tls://host:port, unix:///path; repeat it to merge several (default: $LOUPE_SERVER, $HUBBLE_SERVER, localhost:4245).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" demo' -l 'demo' -d 'Run an agent with the seed scenario inside loupe and read from it: no cluster needed.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" request-timeout' -l 'request-timeout' -d 'Deadline of unary calls (status, list), e.g. 12s or 500ms.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" tls' -l 'tls' -d 'Connect with TLS (also for an address written tls://host:port).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" tls-server-name' -l 'tls-server-name' -d 'The name the server\'s certificate must carry, when it is not the address\'s host.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes"' -l 'tls-ca-cert-files' -d 'PEM certificate authorities to trust instead of the system\'s (repeatable, or comma-separated).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" tls-client-cert-file' -l 'tls-client-cert-file' -d 'A PEM client certificate, for servers that ask for one (mTLS).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" tls-client-key-file' -l 'tls-client-key-file' -d 'The PEM key of --tls-client-cert-file.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" tls-allow-insecure' -l 'tls-allow-insecure' -d 'Accept any server certificate (testing only: the connection is not authenticated).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" basic-auth-username' -l 'basic-auth-username' -d 'Basic authentication user name (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" basic-auth-password' -l 'basic-auth-password' -d 'Basic authentication password (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" merge-window' -l 'merge-window' -d 'With several servers: flows held per server to put them in time order.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" merge-delay' -l 'merge-delay' -d 'With several servers, while following: how long a flow waits for a quiet server before it is printed.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" o output' -s 'o' -l 'output' -d 'Output format: table, json (or jsonpb).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list nodes" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces"' -l 'server' -d 'A Hubble server: host:port, tls://host:port, unix:///path; repeat it to merge several (default: $LOUPE_SERVER, $HUBBLE_SERVER, localhost:4245).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" demo' -l 'demo' -d 'Run an agent with the seed scenario inside loupe and read from it: no cluster needed.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" request-timeout' -l 'request-timeout' -d 'Deadline of unary calls (status, list), e.g. 12s or 500ms.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" tls' -l 'tls' -d 'Connect with TLS (also for an address written tls://host:port).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" tls-server-name' -l 'tls-server-name' -d 'The name the server\'s certificate must carry, when it is not the address\'s host.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces"' -l 'tls-ca-cert-files' -d 'PEM certificate authorities to trust instead of the system\'s (repeatable, or comma-separated).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" tls-client-cert-file' -l 'tls-client-cert-file' -d 'A PEM client certificate, for servers that ask for one (mTLS).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" tls-client-key-file' -l 'tls-client-key-file' -d 'The PEM key of --tls-client-cert-file.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" tls-allow-insecure' -l 'tls-allow-insecure' -d 'Accept any server certificate (testing only: the connection is not authenticated).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" basic-auth-username' -l 'basic-auth-username' -d 'Basic authentication user name (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" basic-auth-password' -l 'basic-auth-password' -d 'Basic authentication password (sent over TLS only).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" merge-window' -l 'merge-window' -d 'With several servers: flows held per server to put them in time order.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" merge-delay' -l 'merge-delay' -d 'With several servers, while following: how long a flow waits for a quiet server before it is printed.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" o output' -s 'o' -l 'output' -d 'Output format: table, json (or jsonpb).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe list namespaces" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe filter" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe filter" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe filter" -eq 1' -fa 'check' -d 'Check a filter expression; print its problems with a caret under each (status 2), or nothing.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe filter" -eq 1' -fa 'explain' -d 'Show how an expression is pushed to servers: the allow and deny FlowFilters, the residual, the approximations.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe filter" -eq 1' -fa 'fields' -d 'List the fields a filter expression can use, with their types and examples.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe filter check" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe filter check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe filter explain" o output' -s 'o' -l 'output' -d 'Output format: text or json.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe filter explain" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe filter explain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe filter fields" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe filter fields" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe config" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe config" -eq 1' -fa 'view' -d 'Print the effective settings as config.yaml, each with its origin.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe config view" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe config view" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe version" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe help" version' -l 'version' -d 'Show the version.'
