#!/bin/bash

__loupe_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__loupe_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__loupe_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__loupe_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

# The filter expression: each candidate is the whole expression up to the cursor. Inside an open
# quote (`'ns == ec`), the quote is put back in front and left open: readline closes the quote
# after a single match, so a single candidate is offered twice (once with a trailing space, which
# typing goes on from), and no space is appended.
__loupe_complete_expression() {
    local -r word="${COMP_WORDS[${COMP_CWORD}]}"
    local quote=''
    [[ "${word}" == [\'\"]* ]] && quote="${word:0:1}"
    local completion
    while IFS='' read -r completion; do
        [[ "${completion}" == "${cur}"* ]] && COMPREPLY+=("${quote}${completion}")
    done < <(__loupe_custom_complete "${@}")
    if [[ -n "${quote}" ]]; then
        compopt -o nospace 2>/dev/null
        [[ "${#COMPREPLY[@]}" -eq 1 ]] && COMPREPLY+=("${COMPREPLY[0]} ")
    fi
}

_loupe() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __loupe_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    observe|top|map|policy|status|list|filter|config|version|help)
        # Offer subcommand argument completions
        "_loupe_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'observe top map policy status list filter config version help' -- "${cur}"))
        ;;
    esac
}

_loupe_observe() {
    repeating_flags=(--not -4 --ipv4 -6 --ipv6 -A --all-namespaces --from-all-namespaces --to-all-namespaces --encrypted --unencrypted)
    non_repeating_flags=(--demo -P --port-forward --all -f --follow --explain --print-node-name --numeric --print-policy-names -D --debug -s --silent-errors --tls --tls-allow-insecure --print-raw-filters --version -h --help)
    repeating_options=(--server --filter --uuid --node-name --node-label --cluster --from-cluster --to-cluster --ip --from-ip --to-ip --snat-ip --ip-version --fqdn --from-fqdn --to-fqdn --pod --from-pod --to-pod -n --namespace --from-namespace --to-namespace -l --label --from-label --to-label --service --from-service --to-service --workload --from-workload --to-workload --verdict --drop-reason-desc --http-status --http-method --http-path --http-url --http-header --protocol --port --from-port --to-port -t --type --identity --from-identity --to-identity --tcp-flags --traffic-direction --trace-id --ip-trace-id --interface --cel-expression --allowlist --denylist --field-mask --tls-ca-cert-files)
    non_repeating_options=(--input-file --max-line-size --last --first --since --until -o --output --color --time-format --ip-translation --use-default-field-masks --request-timeout --tls-server-name --tls-client-cert-file --tls-client-key-file --basic-auth-username --basic-auth-password --port-forward-port --port-forward-service --kube-namespace --kube-context --kubeconfig --merge-window --merge-delay)
    __loupe_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--input-file')
        return
        ;;
    '--max-line-size')
        return
        ;;
    '--server')
        return
        ;;
    '--last')
        return
        ;;
    '--first')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--filter')
        return
        ;;
    '--uuid')
        return
        ;;
    '--node-name')
        return
        ;;
    '--node-label')
        return
        ;;
    '--cluster')
        return
        ;;
    '--from-cluster')
        return
        ;;
    '--to-cluster')
        return
        ;;
    '--ip')
        return
        ;;
    '--from-ip')
        return
        ;;
    '--to-ip')
        return
        ;;
    '--snat-ip')
        return
        ;;
    '--ip-version')
        __loupe_add_completions -W 'v4'$'\n''v6'$'\n''none'
        return
        ;;
    '--fqdn')
        return
        ;;
    '--from-fqdn')
        return
        ;;
    '--to-fqdn')
        return
        ;;
    '--pod')
        return
        ;;
    '--from-pod')
        return
        ;;
    '--to-pod')
        return
        ;;
    '-n'|'--namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion observe -- --namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--from-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion observe -- --from-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--to-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion observe -- --to-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '-l'|'--label')
        return
        ;;
    '--from-label')
        return
        ;;
    '--to-label')
        return
        ;;
    '--service')
        return
        ;;
    '--from-service')
        return
        ;;
    '--to-service')
        return
        ;;
    '--workload')
        return
        ;;
    '--from-workload')
        return
        ;;
    '--to-workload')
        return
        ;;
    '--verdict')
        __loupe_add_completions -W 'FORWARDED'$'\n''DROPPED'$'\n''ERROR'$'\n''AUDIT'$'\n''REDIRECTED'$'\n''TRACED'$'\n''TRANSLATED'
        return
        ;;
    '--drop-reason-desc')
        __loupe_add_completions -W 'INVALID_SOURCE_MAC'$'\n''INVALID_DESTINATION_MAC'$'\n''INVALID_SOURCE_IP'$'\n''POLICY_DENIED'$'\n''INVALID_PACKET_DROPPED'$'\n''CT_TRUNCATED_OR_INVALID_HEADER'$'\n''CT_MISSING_TCP_ACK_FLAG'$'\n''CT_UNKNOWN_L4_PROTOCOL'$'\n''CT_CANNOT_CREATE_ENTRY_FROM_PACKET'$'\n''UNSUPPORTED_L3_PROTOCOL'$'\n''MISSED_TAIL_CALL'$'\n''ERROR_WRITING_TO_PACKET'$'\n''UNKNOWN_L4_PROTOCOL'$'\n''UNKNOWN_ICMPV4_CODE'$'\n''UNKNOWN_ICMPV4_TYPE'$'\n''UNKNOWN_ICMPV6_CODE'$'\n''UNKNOWN_ICMPV6_TYPE'$'\n''ERROR_RETRIEVING_TUNNEL_KEY'$'\n''ERROR_RETRIEVING_TUNNEL_OPTIONS'$'\n''INVALID_GENEVE_OPTION'$'\n''UNKNOWN_L3_TARGET_ADDRESS'$'\n''STALE_OR_UNROUTABLE_IP'$'\n''NO_MATCHING_LOCAL_CONTAINER_FOUND'$'\n''ERROR_WHILE_CORRECTING_L3_CHECKSUM'$'\n''ERROR_WHILE_CORRECTING_L4_CHECKSUM'$'\n''CT_MAP_INSERTION_FAILED'$'\n''INVALID_IPV6_EXTENSION_HEADER'$'\n''IP_FRAGMENTATION_NOT_SUPPORTED'$'\n''SERVICE_BACKEND_NOT_FOUND'$'\n''NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT'$'\n''FAILED_TO_INSERT_INTO_PROXYMAP'$'\n''REACHED_EDT_RATE_LIMITING_DROP_HORIZON'$'\n''UNKNOWN_CONNECTION_TRACKING_STATE'$'\n''LOCAL_HOST_IS_UNREACHABLE'$'\n''NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION'$'\n''UNSUPPORTED_L2_PROTOCOL'$'\n''NO_MAPPING_FOR_NAT_MASQUERADE'$'\n''UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE'$'\n''FIB_LOOKUP_FAILED'$'\n''ENCAPSULATION_TRAFFIC_IS_PROHIBITED'$'\n''INVALID_IDENTITY'$'\n''UNKNOWN_SENDER'$'\n''NAT_NOT_NEEDED'$'\n''IS_A_CLUSTERIP'$'\n''FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND'$'\n''FORBIDDEN_ICMPV6_MESSAGE'$'\n''DENIED_BY_LB_SRC_RANGE_CHECK'$'\n''SOCKET_LOOKUP_FAILED'$'\n''SOCKET_ASSIGN_FAILED'$'\n''PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL'$'\n''POLICY_DENY'$'\n''VLAN_FILTERED'$'\n''INVALID_VNI'$'\n''INVALID_TC_BUFFER'$'\n''NO_SID'$'\n''MISSING_SRV6_STATE'$'\n''NAT46'$'\n''NAT64'$'\n''AUTH_REQUIRED'$'\n''CT_NO_MAP_FOUND'$'\n''SNAT_NO_MAP_FOUND'$'\n''INVALID_CLUSTER_ID'$'\n''UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP'$'\n''NO_EGRESS_GATEWAY'$'\n''UNENCRYPTED_TRAFFIC'$'\n''TTL_EXCEEDED'$'\n''NO_NODE_ID'$'\n''DROP_RATE_LIMITED'$'\n''IGMP_HANDLED'$'\n''IGMP_SUBSCRIBED'$'\n''MULTICAST_HANDLED'$'\n''DROP_HOST_NOT_READY'$'\n''DROP_EP_NOT_READY'$'\n''DROP_NO_EGRESS_IP'$'\n''DROP_PUNT_PROXY'
        return
        ;;
    '--http-status')
        return
        ;;
    '--http-method')
        return
        ;;
    '--http-path')
        return
        ;;
    '--http-url')
        return
        ;;
    '--http-header')
        return
        ;;
    '--protocol')
        __loupe_add_completions -W 'tcp'$'\n''udp'$'\n''sctp'$'\n''icmp'$'\n''icmpv4'$'\n''icmpv6'$'\n''vrrp'$'\n''igmp'$'\n''http'$'\n''dns'$'\n''kafka'
        return
        ;;
    '--port')
        return
        ;;
    '--from-port')
        return
        ;;
    '--to-port')
        return
        ;;
    '-t'|'--type')
        __loupe_add_completions -W 'drop'$'\n''debug'$'\n''capture'$'\n''trace'$'\n''policy-verdict'$'\n''trace-sock'$'\n''l7'$'\n''agent'
        return
        ;;
    '--identity')
        return
        ;;
    '--from-identity')
        return
        ;;
    '--to-identity')
        return
        ;;
    '--tcp-flags')
        __loupe_add_completions -W 'syn'$'\n''fin'$'\n''rst'$'\n''psh'$'\n''ack'$'\n''urg'$'\n''ece'$'\n''cwr'$'\n''ns'
        return
        ;;
    '--traffic-direction')
        __loupe_add_completions -W 'ingress'$'\n''egress'
        return
        ;;
    '--trace-id')
        return
        ;;
    '--ip-trace-id')
        return
        ;;
    '--interface')
        return
        ;;
    '--cel-expression')
        return
        ;;
    '--allowlist')
        return
        ;;
    '--denylist')
        return
        ;;
    '-o'|'--output')
        __loupe_add_completions -W 'compact'$'\n''dict'$'\n''table'$'\n''json'$'\n''jsonpb'
        return
        ;;
    '--color')
        __loupe_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--time-format')
        __loupe_add_completions -W 'StampMilli'$'\n''YearMonthDay'$'\n''YearMonthDayHour'$'\n''YearMonthDayHourMinute'$'\n''RFC3339'$'\n''RFC3339Milli'$'\n''RFC3339Micro'$'\n''RFC3339Nano'$'\n''RFC1123Z'
        return
        ;;
    '--ip-translation')
        return
        ;;
    '--field-mask')
        return
        ;;
    '--use-default-field-masks')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--tls-ca-cert-files')
        return
        ;;
    '--tls-client-cert-file')
        return
        ;;
    '--tls-client-key-file')
        return
        ;;
    '--basic-auth-username')
        return
        ;;
    '--basic-auth-password')
        return
        ;;
    '--port-forward-port')
        return
        ;;
    '--port-forward-service')
        return
        ;;
    '--kube-namespace')
        return
        ;;
    '--kube-context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--merge-window')
        return
        ;;
    '--merge-delay')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __loupe_complete_expression ---completion observe -- positional@0 "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)"
        return
        ;;
    esac
}

_loupe_top() {
    repeating_flags=(--not -4 --ipv4 -6 --ipv6 -A --all-namespaces --from-all-namespaces --to-all-namespaces --encrypted --unencrypted)
    non_repeating_flags=(--demo -P --port-forward --all -f --follow --explain --print-node-name --numeric --print-policy-names -D --debug -s --silent-errors --tls --tls-allow-insecure --print-raw-filters --monochrome --version -h --help)
    repeating_options=(--server --filter --uuid --node-name --node-label --cluster --from-cluster --to-cluster --ip --from-ip --to-ip --snat-ip --ip-version --fqdn --from-fqdn --to-fqdn --pod --from-pod --to-pod -n --namespace --from-namespace --to-namespace -l --label --from-label --to-label --service --from-service --to-service --workload --from-workload --to-workload --verdict --drop-reason-desc --http-status --http-method --http-path --http-url --http-header --protocol --port --from-port --to-port -t --type --identity --from-identity --to-identity --tcp-flags --traffic-direction --trace-id --ip-trace-id --interface --cel-expression --allowlist --denylist --field-mask --tls-ca-cert-files)
    non_repeating_options=(--input-file --max-line-size --last --first --since --until -o --output --color --time-format --ip-translation --use-default-field-masks --request-timeout --tls-server-name --tls-client-cert-file --tls-client-key-file --basic-auth-username --basic-auth-password --port-forward-port --port-forward-service --kube-namespace --kube-context --kubeconfig --merge-window --merge-delay --history)
    __loupe_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--input-file')
        return
        ;;
    '--max-line-size')
        return
        ;;
    '--server')
        return
        ;;
    '--last')
        return
        ;;
    '--first')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--filter')
        return
        ;;
    '--uuid')
        return
        ;;
    '--node-name')
        return
        ;;
    '--node-label')
        return
        ;;
    '--cluster')
        return
        ;;
    '--from-cluster')
        return
        ;;
    '--to-cluster')
        return
        ;;
    '--ip')
        return
        ;;
    '--from-ip')
        return
        ;;
    '--to-ip')
        return
        ;;
    '--snat-ip')
        return
        ;;
    '--ip-version')
        __loupe_add_completions -W 'v4'$'\n''v6'$'\n''none'
        return
        ;;
    '--fqdn')
        return
        ;;
    '--from-fqdn')
        return
        ;;
    '--to-fqdn')
        return
        ;;
    '--pod')
        return
        ;;
    '--from-pod')
        return
        ;;
    '--to-pod')
        return
        ;;
    '-n'|'--namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion top -- --namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--from-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion top -- --from-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--to-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion top -- --to-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '-l'|'--label')
        return
        ;;
    '--from-label')
        return
        ;;
    '--to-label')
        return
        ;;
    '--service')
        return
        ;;
    '--from-service')
        return
        ;;
    '--to-service')
        return
        ;;
    '--workload')
        return
        ;;
    '--from-workload')
        return
        ;;
    '--to-workload')
        return
        ;;
    '--verdict')
        __loupe_add_completions -W 'FORWARDED'$'\n''DROPPED'$'\n''ERROR'$'\n''AUDIT'$'\n''REDIRECTED'$'\n''TRACED'$'\n''TRANSLATED'
        return
        ;;
    '--drop-reason-desc')
        __loupe_add_completions -W 'INVALID_SOURCE_MAC'$'\n''INVALID_DESTINATION_MAC'$'\n''INVALID_SOURCE_IP'$'\n''POLICY_DENIED'$'\n''INVALID_PACKET_DROPPED'$'\n''CT_TRUNCATED_OR_INVALID_HEADER'$'\n''CT_MISSING_TCP_ACK_FLAG'$'\n''CT_UNKNOWN_L4_PROTOCOL'$'\n''CT_CANNOT_CREATE_ENTRY_FROM_PACKET'$'\n''UNSUPPORTED_L3_PROTOCOL'$'\n''MISSED_TAIL_CALL'$'\n''ERROR_WRITING_TO_PACKET'$'\n''UNKNOWN_L4_PROTOCOL'$'\n''UNKNOWN_ICMPV4_CODE'$'\n''UNKNOWN_ICMPV4_TYPE'$'\n''UNKNOWN_ICMPV6_CODE'$'\n''UNKNOWN_ICMPV6_TYPE'$'\n''ERROR_RETRIEVING_TUNNEL_KEY'$'\n''ERROR_RETRIEVING_TUNNEL_OPTIONS'$'\n''INVALID_GENEVE_OPTION'$'\n''UNKNOWN_L3_TARGET_ADDRESS'$'\n''STALE_OR_UNROUTABLE_IP'$'\n''NO_MATCHING_LOCAL_CONTAINER_FOUND'$'\n''ERROR_WHILE_CORRECTING_L3_CHECKSUM'$'\n''ERROR_WHILE_CORRECTING_L4_CHECKSUM'$'\n''CT_MAP_INSERTION_FAILED'$'\n''INVALID_IPV6_EXTENSION_HEADER'$'\n''IP_FRAGMENTATION_NOT_SUPPORTED'$'\n''SERVICE_BACKEND_NOT_FOUND'$'\n''NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT'$'\n''FAILED_TO_INSERT_INTO_PROXYMAP'$'\n''REACHED_EDT_RATE_LIMITING_DROP_HORIZON'$'\n''UNKNOWN_CONNECTION_TRACKING_STATE'$'\n''LOCAL_HOST_IS_UNREACHABLE'$'\n''NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION'$'\n''UNSUPPORTED_L2_PROTOCOL'$'\n''NO_MAPPING_FOR_NAT_MASQUERADE'$'\n''UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE'$'\n''FIB_LOOKUP_FAILED'$'\n''ENCAPSULATION_TRAFFIC_IS_PROHIBITED'$'\n''INVALID_IDENTITY'$'\n''UNKNOWN_SENDER'$'\n''NAT_NOT_NEEDED'$'\n''IS_A_CLUSTERIP'$'\n''FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND'$'\n''FORBIDDEN_ICMPV6_MESSAGE'$'\n''DENIED_BY_LB_SRC_RANGE_CHECK'$'\n''SOCKET_LOOKUP_FAILED'$'\n''SOCKET_ASSIGN_FAILED'$'\n''PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL'$'\n''POLICY_DENY'$'\n''VLAN_FILTERED'$'\n''INVALID_VNI'$'\n''INVALID_TC_BUFFER'$'\n''NO_SID'$'\n''MISSING_SRV6_STATE'$'\n''NAT46'$'\n''NAT64'$'\n''AUTH_REQUIRED'$'\n''CT_NO_MAP_FOUND'$'\n''SNAT_NO_MAP_FOUND'$'\n''INVALID_CLUSTER_ID'$'\n''UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP'$'\n''NO_EGRESS_GATEWAY'$'\n''UNENCRYPTED_TRAFFIC'$'\n''TTL_EXCEEDED'$'\n''NO_NODE_ID'$'\n''DROP_RATE_LIMITED'$'\n''IGMP_HANDLED'$'\n''IGMP_SUBSCRIBED'$'\n''MULTICAST_HANDLED'$'\n''DROP_HOST_NOT_READY'$'\n''DROP_EP_NOT_READY'$'\n''DROP_NO_EGRESS_IP'$'\n''DROP_PUNT_PROXY'
        return
        ;;
    '--http-status')
        return
        ;;
    '--http-method')
        return
        ;;
    '--http-path')
        return
        ;;
    '--http-url')
        return
        ;;
    '--http-header')
        return
        ;;
    '--protocol')
        __loupe_add_completions -W 'tcp'$'\n''udp'$'\n''sctp'$'\n''icmp'$'\n''icmpv4'$'\n''icmpv6'$'\n''vrrp'$'\n''igmp'$'\n''http'$'\n''dns'$'\n''kafka'
        return
        ;;
    '--port')
        return
        ;;
    '--from-port')
        return
        ;;
    '--to-port')
        return
        ;;
    '-t'|'--type')
        __loupe_add_completions -W 'drop'$'\n''debug'$'\n''capture'$'\n''trace'$'\n''policy-verdict'$'\n''trace-sock'$'\n''l7'$'\n''agent'
        return
        ;;
    '--identity')
        return
        ;;
    '--from-identity')
        return
        ;;
    '--to-identity')
        return
        ;;
    '--tcp-flags')
        __loupe_add_completions -W 'syn'$'\n''fin'$'\n''rst'$'\n''psh'$'\n''ack'$'\n''urg'$'\n''ece'$'\n''cwr'$'\n''ns'
        return
        ;;
    '--traffic-direction')
        __loupe_add_completions -W 'ingress'$'\n''egress'
        return
        ;;
    '--trace-id')
        return
        ;;
    '--ip-trace-id')
        return
        ;;
    '--interface')
        return
        ;;
    '--cel-expression')
        return
        ;;
    '--allowlist')
        return
        ;;
    '--denylist')
        return
        ;;
    '-o'|'--output')
        __loupe_add_completions -W 'compact'$'\n''dict'$'\n''table'$'\n''json'$'\n''jsonpb'
        return
        ;;
    '--color')
        __loupe_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--time-format')
        __loupe_add_completions -W 'StampMilli'$'\n''YearMonthDay'$'\n''YearMonthDayHour'$'\n''YearMonthDayHourMinute'$'\n''RFC3339'$'\n''RFC3339Milli'$'\n''RFC3339Micro'$'\n''RFC3339Nano'$'\n''RFC1123Z'
        return
        ;;
    '--ip-translation')
        return
        ;;
    '--field-mask')
        return
        ;;
    '--use-default-field-masks')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--tls-ca-cert-files')
        return
        ;;
    '--tls-client-cert-file')
        return
        ;;
    '--tls-client-key-file')
        return
        ;;
    '--basic-auth-username')
        return
        ;;
    '--basic-auth-password')
        return
        ;;
    '--port-forward-port')
        return
        ;;
    '--port-forward-service')
        return
        ;;
    '--kube-namespace')
        return
        ;;
    '--kube-context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--merge-window')
        return
        ;;
    '--merge-delay')
        return
        ;;
    '--history')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __loupe_complete_expression ---completion top -- positional@0 "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)"
        return
        ;;
    esac
}

_loupe_map() {
    repeating_flags=(--not -4 --ipv4 -6 --ipv6 -A --all-namespaces --from-all-namespaces --to-all-namespaces --encrypted --unencrypted)
    non_repeating_flags=(--demo -P --port-forward --all -f --follow --explain --tls --tls-allow-insecure --version -h --help)
    repeating_options=(--server --filter --uuid --node-name --node-label --cluster --from-cluster --to-cluster --ip --from-ip --to-ip --snat-ip --ip-version --fqdn --from-fqdn --to-fqdn --pod --from-pod --to-pod -n --namespace --from-namespace --to-namespace -l --label --from-label --to-label --service --from-service --to-service --workload --from-workload --to-workload --verdict --drop-reason-desc --http-status --http-method --http-path --http-url --http-header --protocol --port --from-port --to-port -t --type --identity --from-identity --to-identity --tcp-flags --traffic-direction --trace-id --ip-trace-id --interface --cel-expression --allowlist --denylist --tls-ca-cert-files)
    non_repeating_options=(--input-file --max-line-size --last --first --since --until --request-timeout --tls-server-name --tls-client-cert-file --tls-client-key-file --basic-auth-username --basic-auth-password --port-forward-port --port-forward-service --kube-namespace --kube-context --kubeconfig --merge-window --merge-delay -o --output --group-by --refresh)
    __loupe_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--input-file')
        return
        ;;
    '--max-line-size')
        return
        ;;
    '--server')
        return
        ;;
    '--last')
        return
        ;;
    '--first')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--filter')
        return
        ;;
    '--uuid')
        return
        ;;
    '--node-name')
        return
        ;;
    '--node-label')
        return
        ;;
    '--cluster')
        return
        ;;
    '--from-cluster')
        return
        ;;
    '--to-cluster')
        return
        ;;
    '--ip')
        return
        ;;
    '--from-ip')
        return
        ;;
    '--to-ip')
        return
        ;;
    '--snat-ip')
        return
        ;;
    '--ip-version')
        __loupe_add_completions -W 'v4'$'\n''v6'$'\n''none'
        return
        ;;
    '--fqdn')
        return
        ;;
    '--from-fqdn')
        return
        ;;
    '--to-fqdn')
        return
        ;;
    '--pod')
        return
        ;;
    '--from-pod')
        return
        ;;
    '--to-pod')
        return
        ;;
    '-n'|'--namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion map -- --namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--from-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion map -- --from-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--to-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion map -- --to-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '-l'|'--label')
        return
        ;;
    '--from-label')
        return
        ;;
    '--to-label')
        return
        ;;
    '--service')
        return
        ;;
    '--from-service')
        return
        ;;
    '--to-service')
        return
        ;;
    '--workload')
        return
        ;;
    '--from-workload')
        return
        ;;
    '--to-workload')
        return
        ;;
    '--verdict')
        __loupe_add_completions -W 'FORWARDED'$'\n''DROPPED'$'\n''ERROR'$'\n''AUDIT'$'\n''REDIRECTED'$'\n''TRACED'$'\n''TRANSLATED'
        return
        ;;
    '--drop-reason-desc')
        __loupe_add_completions -W 'INVALID_SOURCE_MAC'$'\n''INVALID_DESTINATION_MAC'$'\n''INVALID_SOURCE_IP'$'\n''POLICY_DENIED'$'\n''INVALID_PACKET_DROPPED'$'\n''CT_TRUNCATED_OR_INVALID_HEADER'$'\n''CT_MISSING_TCP_ACK_FLAG'$'\n''CT_UNKNOWN_L4_PROTOCOL'$'\n''CT_CANNOT_CREATE_ENTRY_FROM_PACKET'$'\n''UNSUPPORTED_L3_PROTOCOL'$'\n''MISSED_TAIL_CALL'$'\n''ERROR_WRITING_TO_PACKET'$'\n''UNKNOWN_L4_PROTOCOL'$'\n''UNKNOWN_ICMPV4_CODE'$'\n''UNKNOWN_ICMPV4_TYPE'$'\n''UNKNOWN_ICMPV6_CODE'$'\n''UNKNOWN_ICMPV6_TYPE'$'\n''ERROR_RETRIEVING_TUNNEL_KEY'$'\n''ERROR_RETRIEVING_TUNNEL_OPTIONS'$'\n''INVALID_GENEVE_OPTION'$'\n''UNKNOWN_L3_TARGET_ADDRESS'$'\n''STALE_OR_UNROUTABLE_IP'$'\n''NO_MATCHING_LOCAL_CONTAINER_FOUND'$'\n''ERROR_WHILE_CORRECTING_L3_CHECKSUM'$'\n''ERROR_WHILE_CORRECTING_L4_CHECKSUM'$'\n''CT_MAP_INSERTION_FAILED'$'\n''INVALID_IPV6_EXTENSION_HEADER'$'\n''IP_FRAGMENTATION_NOT_SUPPORTED'$'\n''SERVICE_BACKEND_NOT_FOUND'$'\n''NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT'$'\n''FAILED_TO_INSERT_INTO_PROXYMAP'$'\n''REACHED_EDT_RATE_LIMITING_DROP_HORIZON'$'\n''UNKNOWN_CONNECTION_TRACKING_STATE'$'\n''LOCAL_HOST_IS_UNREACHABLE'$'\n''NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION'$'\n''UNSUPPORTED_L2_PROTOCOL'$'\n''NO_MAPPING_FOR_NAT_MASQUERADE'$'\n''UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE'$'\n''FIB_LOOKUP_FAILED'$'\n''ENCAPSULATION_TRAFFIC_IS_PROHIBITED'$'\n''INVALID_IDENTITY'$'\n''UNKNOWN_SENDER'$'\n''NAT_NOT_NEEDED'$'\n''IS_A_CLUSTERIP'$'\n''FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND'$'\n''FORBIDDEN_ICMPV6_MESSAGE'$'\n''DENIED_BY_LB_SRC_RANGE_CHECK'$'\n''SOCKET_LOOKUP_FAILED'$'\n''SOCKET_ASSIGN_FAILED'$'\n''PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL'$'\n''POLICY_DENY'$'\n''VLAN_FILTERED'$'\n''INVALID_VNI'$'\n''INVALID_TC_BUFFER'$'\n''NO_SID'$'\n''MISSING_SRV6_STATE'$'\n''NAT46'$'\n''NAT64'$'\n''AUTH_REQUIRED'$'\n''CT_NO_MAP_FOUND'$'\n''SNAT_NO_MAP_FOUND'$'\n''INVALID_CLUSTER_ID'$'\n''UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP'$'\n''NO_EGRESS_GATEWAY'$'\n''UNENCRYPTED_TRAFFIC'$'\n''TTL_EXCEEDED'$'\n''NO_NODE_ID'$'\n''DROP_RATE_LIMITED'$'\n''IGMP_HANDLED'$'\n''IGMP_SUBSCRIBED'$'\n''MULTICAST_HANDLED'$'\n''DROP_HOST_NOT_READY'$'\n''DROP_EP_NOT_READY'$'\n''DROP_NO_EGRESS_IP'$'\n''DROP_PUNT_PROXY'
        return
        ;;
    '--http-status')
        return
        ;;
    '--http-method')
        return
        ;;
    '--http-path')
        return
        ;;
    '--http-url')
        return
        ;;
    '--http-header')
        return
        ;;
    '--protocol')
        __loupe_add_completions -W 'tcp'$'\n''udp'$'\n''sctp'$'\n''icmp'$'\n''icmpv4'$'\n''icmpv6'$'\n''vrrp'$'\n''igmp'$'\n''http'$'\n''dns'$'\n''kafka'
        return
        ;;
    '--port')
        return
        ;;
    '--from-port')
        return
        ;;
    '--to-port')
        return
        ;;
    '-t'|'--type')
        __loupe_add_completions -W 'drop'$'\n''debug'$'\n''capture'$'\n''trace'$'\n''policy-verdict'$'\n''trace-sock'$'\n''l7'$'\n''agent'
        return
        ;;
    '--identity')
        return
        ;;
    '--from-identity')
        return
        ;;
    '--to-identity')
        return
        ;;
    '--tcp-flags')
        __loupe_add_completions -W 'syn'$'\n''fin'$'\n''rst'$'\n''psh'$'\n''ack'$'\n''urg'$'\n''ece'$'\n''cwr'$'\n''ns'
        return
        ;;
    '--traffic-direction')
        __loupe_add_completions -W 'ingress'$'\n''egress'
        return
        ;;
    '--trace-id')
        return
        ;;
    '--ip-trace-id')
        return
        ;;
    '--interface')
        return
        ;;
    '--cel-expression')
        return
        ;;
    '--allowlist')
        return
        ;;
    '--denylist')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--tls-ca-cert-files')
        return
        ;;
    '--tls-client-cert-file')
        return
        ;;
    '--tls-client-key-file')
        return
        ;;
    '--basic-auth-username')
        return
        ;;
    '--basic-auth-password')
        return
        ;;
    '--port-forward-port')
        return
        ;;
    '--port-forward-service')
        return
        ;;
    '--kube-namespace')
        return
        ;;
    '--kube-context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--merge-window')
        return
        ;;
    '--merge-delay')
        return
        ;;
    '-o'|'--output')
        __loupe_add_completions -W 'table'$'\n''json'$'\n''dot'$'\n''mermaid'
        return
        ;;
    '--group-by')
        __loupe_add_completions -W 'namespace'$'\n''workload'$'\n''pod'
        return
        ;;
    '--refresh')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __loupe_complete_expression ---completion map -- positional@0 "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)"
        return
        ;;
    esac
}

_loupe_policy() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    suggest|test)
        # Offer subcommand argument completions
        "_loupe_policy_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'suggest test' -- "${cur}"))
        ;;
    esac
}

_loupe_policy_suggest() {
    repeating_flags=(--not -4 --ipv4 -6 --ipv6 -A --all-namespaces --from-all-namespaces --to-all-namespaces --encrypted --unencrypted)
    non_repeating_flags=(--demo -P --port-forward --all -f --follow --explain --tls --tls-allow-insecure --include-dropped --l7 --version -h --help)
    repeating_options=(--server --filter --uuid --node-name --node-label --cluster --from-cluster --to-cluster --ip --from-ip --to-ip --snat-ip --ip-version --fqdn --from-fqdn --to-fqdn --pod --from-pod --to-pod -n --namespace --from-namespace --to-namespace -l --label --from-label --to-label --service --from-service --to-service --workload --from-workload --to-workload --verdict --drop-reason-desc --http-status --http-method --http-path --http-url --http-header --protocol --port --from-port --to-port -t --type --identity --from-identity --to-identity --tcp-flags --traffic-direction --trace-id --ip-trace-id --interface --cel-expression --allowlist --denylist --tls-ca-cert-files)
    non_repeating_options=(--input-file --max-line-size --last --first --since --until --request-timeout --tls-server-name --tls-client-cert-file --tls-client-key-file --basic-auth-username --basic-auth-password --port-forward-port --port-forward-service --kube-namespace --kube-context --kubeconfig --merge-window --merge-delay --kind --direction)
    __loupe_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--input-file')
        return
        ;;
    '--max-line-size')
        return
        ;;
    '--server')
        return
        ;;
    '--last')
        return
        ;;
    '--first')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--filter')
        return
        ;;
    '--uuid')
        return
        ;;
    '--node-name')
        return
        ;;
    '--node-label')
        return
        ;;
    '--cluster')
        return
        ;;
    '--from-cluster')
        return
        ;;
    '--to-cluster')
        return
        ;;
    '--ip')
        return
        ;;
    '--from-ip')
        return
        ;;
    '--to-ip')
        return
        ;;
    '--snat-ip')
        return
        ;;
    '--ip-version')
        __loupe_add_completions -W 'v4'$'\n''v6'$'\n''none'
        return
        ;;
    '--fqdn')
        return
        ;;
    '--from-fqdn')
        return
        ;;
    '--to-fqdn')
        return
        ;;
    '--pod')
        return
        ;;
    '--from-pod')
        return
        ;;
    '--to-pod')
        return
        ;;
    '-n'|'--namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion policy suggest -- --namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--from-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion policy suggest -- --from-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--to-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion policy suggest -- --to-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '-l'|'--label')
        return
        ;;
    '--from-label')
        return
        ;;
    '--to-label')
        return
        ;;
    '--service')
        return
        ;;
    '--from-service')
        return
        ;;
    '--to-service')
        return
        ;;
    '--workload')
        return
        ;;
    '--from-workload')
        return
        ;;
    '--to-workload')
        return
        ;;
    '--verdict')
        __loupe_add_completions -W 'FORWARDED'$'\n''DROPPED'$'\n''ERROR'$'\n''AUDIT'$'\n''REDIRECTED'$'\n''TRACED'$'\n''TRANSLATED'
        return
        ;;
    '--drop-reason-desc')
        __loupe_add_completions -W 'INVALID_SOURCE_MAC'$'\n''INVALID_DESTINATION_MAC'$'\n''INVALID_SOURCE_IP'$'\n''POLICY_DENIED'$'\n''INVALID_PACKET_DROPPED'$'\n''CT_TRUNCATED_OR_INVALID_HEADER'$'\n''CT_MISSING_TCP_ACK_FLAG'$'\n''CT_UNKNOWN_L4_PROTOCOL'$'\n''CT_CANNOT_CREATE_ENTRY_FROM_PACKET'$'\n''UNSUPPORTED_L3_PROTOCOL'$'\n''MISSED_TAIL_CALL'$'\n''ERROR_WRITING_TO_PACKET'$'\n''UNKNOWN_L4_PROTOCOL'$'\n''UNKNOWN_ICMPV4_CODE'$'\n''UNKNOWN_ICMPV4_TYPE'$'\n''UNKNOWN_ICMPV6_CODE'$'\n''UNKNOWN_ICMPV6_TYPE'$'\n''ERROR_RETRIEVING_TUNNEL_KEY'$'\n''ERROR_RETRIEVING_TUNNEL_OPTIONS'$'\n''INVALID_GENEVE_OPTION'$'\n''UNKNOWN_L3_TARGET_ADDRESS'$'\n''STALE_OR_UNROUTABLE_IP'$'\n''NO_MATCHING_LOCAL_CONTAINER_FOUND'$'\n''ERROR_WHILE_CORRECTING_L3_CHECKSUM'$'\n''ERROR_WHILE_CORRECTING_L4_CHECKSUM'$'\n''CT_MAP_INSERTION_FAILED'$'\n''INVALID_IPV6_EXTENSION_HEADER'$'\n''IP_FRAGMENTATION_NOT_SUPPORTED'$'\n''SERVICE_BACKEND_NOT_FOUND'$'\n''NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT'$'\n''FAILED_TO_INSERT_INTO_PROXYMAP'$'\n''REACHED_EDT_RATE_LIMITING_DROP_HORIZON'$'\n''UNKNOWN_CONNECTION_TRACKING_STATE'$'\n''LOCAL_HOST_IS_UNREACHABLE'$'\n''NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION'$'\n''UNSUPPORTED_L2_PROTOCOL'$'\n''NO_MAPPING_FOR_NAT_MASQUERADE'$'\n''UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE'$'\n''FIB_LOOKUP_FAILED'$'\n''ENCAPSULATION_TRAFFIC_IS_PROHIBITED'$'\n''INVALID_IDENTITY'$'\n''UNKNOWN_SENDER'$'\n''NAT_NOT_NEEDED'$'\n''IS_A_CLUSTERIP'$'\n''FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND'$'\n''FORBIDDEN_ICMPV6_MESSAGE'$'\n''DENIED_BY_LB_SRC_RANGE_CHECK'$'\n''SOCKET_LOOKUP_FAILED'$'\n''SOCKET_ASSIGN_FAILED'$'\n''PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL'$'\n''POLICY_DENY'$'\n''VLAN_FILTERED'$'\n''INVALID_VNI'$'\n''INVALID_TC_BUFFER'$'\n''NO_SID'$'\n''MISSING_SRV6_STATE'$'\n''NAT46'$'\n''NAT64'$'\n''AUTH_REQUIRED'$'\n''CT_NO_MAP_FOUND'$'\n''SNAT_NO_MAP_FOUND'$'\n''INVALID_CLUSTER_ID'$'\n''UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP'$'\n''NO_EGRESS_GATEWAY'$'\n''UNENCRYPTED_TRAFFIC'$'\n''TTL_EXCEEDED'$'\n''NO_NODE_ID'$'\n''DROP_RATE_LIMITED'$'\n''IGMP_HANDLED'$'\n''IGMP_SUBSCRIBED'$'\n''MULTICAST_HANDLED'$'\n''DROP_HOST_NOT_READY'$'\n''DROP_EP_NOT_READY'$'\n''DROP_NO_EGRESS_IP'$'\n''DROP_PUNT_PROXY'
        return
        ;;
    '--http-status')
        return
        ;;
    '--http-method')
        return
        ;;
    '--http-path')
        return
        ;;
    '--http-url')
        return
        ;;
    '--http-header')
        return
        ;;
    '--protocol')
        __loupe_add_completions -W 'tcp'$'\n''udp'$'\n''sctp'$'\n''icmp'$'\n''icmpv4'$'\n''icmpv6'$'\n''vrrp'$'\n''igmp'$'\n''http'$'\n''dns'$'\n''kafka'
        return
        ;;
    '--port')
        return
        ;;
    '--from-port')
        return
        ;;
    '--to-port')
        return
        ;;
    '-t'|'--type')
        __loupe_add_completions -W 'drop'$'\n''debug'$'\n''capture'$'\n''trace'$'\n''policy-verdict'$'\n''trace-sock'$'\n''l7'$'\n''agent'
        return
        ;;
    '--identity')
        return
        ;;
    '--from-identity')
        return
        ;;
    '--to-identity')
        return
        ;;
    '--tcp-flags')
        __loupe_add_completions -W 'syn'$'\n''fin'$'\n''rst'$'\n''psh'$'\n''ack'$'\n''urg'$'\n''ece'$'\n''cwr'$'\n''ns'
        return
        ;;
    '--traffic-direction')
        __loupe_add_completions -W 'ingress'$'\n''egress'
        return
        ;;
    '--trace-id')
        return
        ;;
    '--ip-trace-id')
        return
        ;;
    '--interface')
        return
        ;;
    '--cel-expression')
        return
        ;;
    '--allowlist')
        return
        ;;
    '--denylist')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--tls-ca-cert-files')
        return
        ;;
    '--tls-client-cert-file')
        return
        ;;
    '--tls-client-key-file')
        return
        ;;
    '--basic-auth-username')
        return
        ;;
    '--basic-auth-password')
        return
        ;;
    '--port-forward-port')
        return
        ;;
    '--port-forward-service')
        return
        ;;
    '--kube-namespace')
        return
        ;;
    '--kube-context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--merge-window')
        return
        ;;
    '--merge-delay')
        return
        ;;
    '--kind')
        __loupe_add_completions -W 'networkpolicy'$'\n''cilium'
        return
        ;;
    '--direction')
        __loupe_add_completions -W 'ingress'$'\n''egress'$'\n''both'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion policy suggest -- positional@0 "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_loupe_policy_test() {
    repeating_flags=(--not -4 --ipv4 -6 --ipv6 -A --all-namespaces --from-all-namespaces --to-all-namespaces --encrypted --unencrypted)
    non_repeating_flags=(--demo -P --port-forward --all -f --follow --explain --tls --tls-allow-insecure --version -h --help)
    repeating_options=(--server --filter --uuid --node-name --node-label --cluster --from-cluster --to-cluster --ip --from-ip --to-ip --snat-ip --ip-version --fqdn --from-fqdn --to-fqdn --pod --from-pod --to-pod -n --namespace --from-namespace --to-namespace -l --label --from-label --to-label --service --from-service --to-service --workload --from-workload --to-workload --verdict --drop-reason-desc --http-status --http-method --http-path --http-url --http-header --protocol --port --from-port --to-port -t --type --identity --from-identity --to-identity --tcp-flags --traffic-direction --trace-id --ip-trace-id --interface --cel-expression --allowlist --denylist --tls-ca-cert-files)
    non_repeating_options=(--input-file --max-line-size --last --first --since --until --request-timeout --tls-server-name --tls-client-cert-file --tls-client-key-file --basic-auth-username --basic-auth-password --port-forward-port --port-forward-service --kube-namespace --kube-context --kubeconfig --merge-window --merge-delay --policies -o --output)
    __loupe_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--input-file')
        return
        ;;
    '--max-line-size')
        return
        ;;
    '--server')
        return
        ;;
    '--last')
        return
        ;;
    '--first')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--filter')
        return
        ;;
    '--uuid')
        return
        ;;
    '--node-name')
        return
        ;;
    '--node-label')
        return
        ;;
    '--cluster')
        return
        ;;
    '--from-cluster')
        return
        ;;
    '--to-cluster')
        return
        ;;
    '--ip')
        return
        ;;
    '--from-ip')
        return
        ;;
    '--to-ip')
        return
        ;;
    '--snat-ip')
        return
        ;;
    '--ip-version')
        __loupe_add_completions -W 'v4'$'\n''v6'$'\n''none'
        return
        ;;
    '--fqdn')
        return
        ;;
    '--from-fqdn')
        return
        ;;
    '--to-fqdn')
        return
        ;;
    '--pod')
        return
        ;;
    '--from-pod')
        return
        ;;
    '--to-pod')
        return
        ;;
    '-n'|'--namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion policy test -- --namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--from-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion policy test -- --from-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '--to-namespace')
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion policy test -- --to-namespace "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    '-l'|'--label')
        return
        ;;
    '--from-label')
        return
        ;;
    '--to-label')
        return
        ;;
    '--service')
        return
        ;;
    '--from-service')
        return
        ;;
    '--to-service')
        return
        ;;
    '--workload')
        return
        ;;
    '--from-workload')
        return
        ;;
    '--to-workload')
        return
        ;;
    '--verdict')
        __loupe_add_completions -W 'FORWARDED'$'\n''DROPPED'$'\n''ERROR'$'\n''AUDIT'$'\n''REDIRECTED'$'\n''TRACED'$'\n''TRANSLATED'
        return
        ;;
    '--drop-reason-desc')
        __loupe_add_completions -W 'INVALID_SOURCE_MAC'$'\n''INVALID_DESTINATION_MAC'$'\n''INVALID_SOURCE_IP'$'\n''POLICY_DENIED'$'\n''INVALID_PACKET_DROPPED'$'\n''CT_TRUNCATED_OR_INVALID_HEADER'$'\n''CT_MISSING_TCP_ACK_FLAG'$'\n''CT_UNKNOWN_L4_PROTOCOL'$'\n''CT_CANNOT_CREATE_ENTRY_FROM_PACKET'$'\n''UNSUPPORTED_L3_PROTOCOL'$'\n''MISSED_TAIL_CALL'$'\n''ERROR_WRITING_TO_PACKET'$'\n''UNKNOWN_L4_PROTOCOL'$'\n''UNKNOWN_ICMPV4_CODE'$'\n''UNKNOWN_ICMPV4_TYPE'$'\n''UNKNOWN_ICMPV6_CODE'$'\n''UNKNOWN_ICMPV6_TYPE'$'\n''ERROR_RETRIEVING_TUNNEL_KEY'$'\n''ERROR_RETRIEVING_TUNNEL_OPTIONS'$'\n''INVALID_GENEVE_OPTION'$'\n''UNKNOWN_L3_TARGET_ADDRESS'$'\n''STALE_OR_UNROUTABLE_IP'$'\n''NO_MATCHING_LOCAL_CONTAINER_FOUND'$'\n''ERROR_WHILE_CORRECTING_L3_CHECKSUM'$'\n''ERROR_WHILE_CORRECTING_L4_CHECKSUM'$'\n''CT_MAP_INSERTION_FAILED'$'\n''INVALID_IPV6_EXTENSION_HEADER'$'\n''IP_FRAGMENTATION_NOT_SUPPORTED'$'\n''SERVICE_BACKEND_NOT_FOUND'$'\n''NO_TUNNEL_OR_ENCAPSULATION_ENDPOINT'$'\n''FAILED_TO_INSERT_INTO_PROXYMAP'$'\n''REACHED_EDT_RATE_LIMITING_DROP_HORIZON'$'\n''UNKNOWN_CONNECTION_TRACKING_STATE'$'\n''LOCAL_HOST_IS_UNREACHABLE'$'\n''NO_CONFIGURATION_AVAILABLE_TO_PERFORM_POLICY_DECISION'$'\n''UNSUPPORTED_L2_PROTOCOL'$'\n''NO_MAPPING_FOR_NAT_MASQUERADE'$'\n''UNSUPPORTED_PROTOCOL_FOR_NAT_MASQUERADE'$'\n''FIB_LOOKUP_FAILED'$'\n''ENCAPSULATION_TRAFFIC_IS_PROHIBITED'$'\n''INVALID_IDENTITY'$'\n''UNKNOWN_SENDER'$'\n''NAT_NOT_NEEDED'$'\n''IS_A_CLUSTERIP'$'\n''FIRST_LOGICAL_DATAGRAM_FRAGMENT_NOT_FOUND'$'\n''FORBIDDEN_ICMPV6_MESSAGE'$'\n''DENIED_BY_LB_SRC_RANGE_CHECK'$'\n''SOCKET_LOOKUP_FAILED'$'\n''SOCKET_ASSIGN_FAILED'$'\n''PROXY_REDIRECTION_NOT_SUPPORTED_FOR_PROTOCOL'$'\n''POLICY_DENY'$'\n''VLAN_FILTERED'$'\n''INVALID_VNI'$'\n''INVALID_TC_BUFFER'$'\n''NO_SID'$'\n''MISSING_SRV6_STATE'$'\n''NAT46'$'\n''NAT64'$'\n''AUTH_REQUIRED'$'\n''CT_NO_MAP_FOUND'$'\n''SNAT_NO_MAP_FOUND'$'\n''INVALID_CLUSTER_ID'$'\n''UNSUPPORTED_PROTOCOL_FOR_DSR_ENCAP'$'\n''NO_EGRESS_GATEWAY'$'\n''UNENCRYPTED_TRAFFIC'$'\n''TTL_EXCEEDED'$'\n''NO_NODE_ID'$'\n''DROP_RATE_LIMITED'$'\n''IGMP_HANDLED'$'\n''IGMP_SUBSCRIBED'$'\n''MULTICAST_HANDLED'$'\n''DROP_HOST_NOT_READY'$'\n''DROP_EP_NOT_READY'$'\n''DROP_NO_EGRESS_IP'$'\n''DROP_PUNT_PROXY'
        return
        ;;
    '--http-status')
        return
        ;;
    '--http-method')
        return
        ;;
    '--http-path')
        return
        ;;
    '--http-url')
        return
        ;;
    '--http-header')
        return
        ;;
    '--protocol')
        __loupe_add_completions -W 'tcp'$'\n''udp'$'\n''sctp'$'\n''icmp'$'\n''icmpv4'$'\n''icmpv6'$'\n''vrrp'$'\n''igmp'$'\n''http'$'\n''dns'$'\n''kafka'
        return
        ;;
    '--port')
        return
        ;;
    '--from-port')
        return
        ;;
    '--to-port')
        return
        ;;
    '-t'|'--type')
        __loupe_add_completions -W 'drop'$'\n''debug'$'\n''capture'$'\n''trace'$'\n''policy-verdict'$'\n''trace-sock'$'\n''l7'$'\n''agent'
        return
        ;;
    '--identity')
        return
        ;;
    '--from-identity')
        return
        ;;
    '--to-identity')
        return
        ;;
    '--tcp-flags')
        __loupe_add_completions -W 'syn'$'\n''fin'$'\n''rst'$'\n''psh'$'\n''ack'$'\n''urg'$'\n''ece'$'\n''cwr'$'\n''ns'
        return
        ;;
    '--traffic-direction')
        __loupe_add_completions -W 'ingress'$'\n''egress'
        return
        ;;
    '--trace-id')
        return
        ;;
    '--ip-trace-id')
        return
        ;;
    '--interface')
        return
        ;;
    '--cel-expression')
        return
        ;;
    '--allowlist')
        return
        ;;
    '--denylist')
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--tls-ca-cert-files')
        return
        ;;
    '--tls-client-cert-file')
        return
        ;;
    '--tls-client-key-file')
        return
        ;;
    '--basic-auth-username')
        return
        ;;
    '--basic-auth-password')
        return
        ;;
    '--port-forward-port')
        return
        ;;
    '--port-forward-service')
        return
        ;;
    '--kube-namespace')
        return
        ;;
    '--kube-context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--merge-window')
        return
        ;;
    '--merge-delay')
        return
        ;;
    '--policies')
        __loupe_add_completions -o plusdirs -fX '!*.@(yaml|yml|json)'
        return
        ;;
    '-o'|'--output')
        __loupe_add_completions -W 'table'$'\n''json'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __loupe_add_completions -W "$(__loupe_custom_complete ---completion policy test -- positional@0 "${COMP_CWORD}" "$(__loupe_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_loupe_status() {
    repeating_flags=()
    non_repeating_flags=(--demo -P --port-forward --tls --tls-allow-insecure --version -h --help)
    repeating_options=(--server --tls-ca-cert-files)
    non_repeating_options=(-o --output --request-timeout --tls-server-name --tls-client-cert-file --tls-client-key-file --basic-auth-username --basic-auth-password --port-forward-port --port-forward-service --kube-namespace --kube-context --kubeconfig --merge-window --merge-delay)
    __loupe_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '-o'|'--output')
        __loupe_add_completions -W 'compact'$'\n''dict'$'\n''table'$'\n''json'
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--tls-ca-cert-files')
        return
        ;;
    '--tls-client-cert-file')
        return
        ;;
    '--tls-client-key-file')
        return
        ;;
    '--basic-auth-username')
        return
        ;;
    '--basic-auth-password')
        return
        ;;
    '--port-forward-port')
        return
        ;;
    '--port-forward-service')
        return
        ;;
    '--kube-namespace')
        return
        ;;
    '--kube-context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--merge-window')
        return
        ;;
    '--merge-delay')
        return
        ;;
    esac
}

_loupe_list() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    nodes|namespaces)
        # Offer subcommand argument completions
        "_loupe_list_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'nodes namespaces' -- "${cur}"))
        ;;
    esac
}

_loupe_list_nodes() {
    repeating_flags=()
    non_repeating_flags=(--demo -P --port-forward --tls --tls-allow-insecure --version -h --help)
    repeating_options=(--server --tls-ca-cert-files)
    non_repeating_options=(-o --output --request-timeout --tls-server-name --tls-client-cert-file --tls-client-key-file --basic-auth-username --basic-auth-password --port-forward-port --port-forward-service --kube-namespace --kube-context --kubeconfig --merge-window --merge-delay)
    __loupe_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '-o'|'--output')
        __loupe_add_completions -W 'table'$'\n''wide'$'\n''json'
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--tls-ca-cert-files')
        return
        ;;
    '--tls-client-cert-file')
        return
        ;;
    '--tls-client-key-file')
        return
        ;;
    '--basic-auth-username')
        return
        ;;
    '--basic-auth-password')
        return
        ;;
    '--port-forward-port')
        return
        ;;
    '--port-forward-service')
        return
        ;;
    '--kube-namespace')
        return
        ;;
    '--kube-context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--merge-window')
        return
        ;;
    '--merge-delay')
        return
        ;;
    esac
}

_loupe_list_namespaces() {
    repeating_flags=()
    non_repeating_flags=(--demo -P --port-forward --tls --tls-allow-insecure --version -h --help)
    repeating_options=(--server --tls-ca-cert-files)
    non_repeating_options=(-o --output --request-timeout --tls-server-name --tls-client-cert-file --tls-client-key-file --basic-auth-username --basic-auth-password --port-forward-port --port-forward-service --kube-namespace --kube-context --kubeconfig --merge-window --merge-delay)
    __loupe_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '-o'|'--output')
        __loupe_add_completions -W 'table'$'\n''wide'$'\n''json'
        return
        ;;
    '--request-timeout')
        return
        ;;
    '--tls-server-name')
        return
        ;;
    '--tls-ca-cert-files')
        return
        ;;
    '--tls-client-cert-file')
        return
        ;;
    '--tls-client-key-file')
        return
        ;;
    '--basic-auth-username')
        return
        ;;
    '--basic-auth-password')
        return
        ;;
    '--port-forward-port')
        return
        ;;
    '--port-forward-service')
        return
        ;;
    '--kube-namespace')
        return
        ;;
    '--kube-context')
        return
        ;;
    '--kubeconfig')
        return
        ;;
    '--merge-window')
        return
        ;;
    '--merge-delay')
        return
        ;;
    esac
}

_loupe_filter() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check|explain|fields)
        # Offer subcommand argument completions
        "_loupe_filter_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check explain fields' -- "${cur}"))
        ;;
    esac
}

_loupe_filter_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options 1
}

_loupe_filter_explain() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(-o --output)
    __loupe_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-o'|'--output')
        return
        ;;
    esac
}

_loupe_filter_fields() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options 0
}

_loupe_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    view)
        # Offer subcommand argument completions
        "_loupe_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'view' -- "${cur}"))
        ;;
    esac
}

_loupe_config_view() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options 0
}

_loupe_version() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options 0
}

_loupe_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options -1
}

complete -F _loupe loupe
